package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.SilenceRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceCommandTest {
    private static final String LOGINS = "{\"source\":[\"cloudtrail\"],\"detail\":{\"eventName\":[\"ConsoleLogin\"]}}";

    private final FakeAdmin admin = FakeAdmin.populated();

    @Test
    void addPassesPatternDurationCommentAndSinksAndSaysUntilWhen() throws Exception {
        String out = Shell.run(new SilenceCommand(), admin, "add", "--pattern", LOGINS, "--for", "2h",
                "--comment", "CHG-1234 SSO migration", "--sink", "secops");

        assertEquals("silence 100 holds back notifications to secops until 2026-11-22T12:00:00Z"
                + " (herald:silence expire 100 ends it sooner)\n", out);
        assertEquals(new SilenceRequest(LOGINS, List.of("secops"), Duration.ofHours(2), "CHG-1234 SSO migration", null),
                admin.silenceRequests.get(0));
    }

    @Test
    void optionsMayAlsoComeBeforeTheActionAndWithoutSinkEverySinkIsSilenced() throws Exception {
        String out = Shell.run(new SilenceCommand(), admin, "--for", "PT30M", "--comment", "noisy", "--pattern", "{}", "add");

        assertTrue(out.contains("holds back notifications to every sink until 2026-11-22T10:30:00Z"), out);
        assertEquals(List.of(), admin.silenceRequests.get(0).sinks());
    }

    @Test
    void durationsAcceptUnitsAndIso8601AndRefuseTheRest() {
        assertEquals(Duration.ofMinutes(30), SilenceRequest.duration("30m", "--for"));
        assertEquals(Duration.ofDays(1), SilenceRequest.duration("1d", "--for"));
        assertEquals(Duration.ofDays(14), SilenceRequest.duration("2w", "--for"));
        assertEquals(Duration.ofMinutes(150), SilenceRequest.duration("PT2H30M", "--for"));
        assertEquals(Duration.ofDays(1), SilenceRequest.duration("p1d", "--for"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SilenceRequest.duration("2 hours", "--for"));
        assertEquals("--for '2 hours' is not a duration: give a number with a unit (30m, 2h, 1d, 1w) or ISO-8601"
                + " (PT2H30M, P1D)", bad.getMessage());
        assertEquals("--for '0m' must be longer than zero",
                assertThrows(IllegalArgumentException.class, () -> SilenceRequest.duration("0m", "--for")).getMessage());
        assertEquals("--for '-PT1H' must be longer than zero",
                assertThrows(IllegalArgumentException.class, () -> SilenceRequest.duration("-PT1H", "--for")).getMessage());
    }

    @Test
    void addWithoutDurationCommentOrPatternSaysWhatIsMissing() {
        Exception noFor = assertThrows(IllegalArgumentException.class, () -> Shell.run(new SilenceCommand(), admin,
                "add", "--pattern", "{}", "--comment", "x"));
        assertTrue(noFor.getMessage().startsWith("--for is missing: say how long"), noFor.getMessage());
        Exception noComment = assertThrows(IllegalArgumentException.class, () -> Shell.run(new SilenceCommand(), admin,
                "add", "--pattern", "{}", "--for", "1h"));
        assertTrue(noComment.getMessage().startsWith("--comment is missing"), noComment.getMessage());
        Exception noPattern = assertThrows(IllegalArgumentException.class, () -> Shell.run(new SilenceCommand(), admin,
                "add", "--for", "1h", "--comment", "x"));
        assertTrue(noPattern.getMessage().startsWith("--pattern is missing"), noPattern.getMessage());
        assertEquals(List.of(), admin.silenceRequests, "nothing reached core");
    }

    @Test
    void coresRefusalReachesTheOperator() {
        admin.silenceRefusal = new IllegalArgumentException("the silence's pattern is not a valid event pattern: x");
        Exception e = assertThrows(IllegalArgumentException.class, () -> Shell.run(new SilenceCommand(), admin,
                "add", "--pattern", "{\"a\":1}", "--for", "1h", "--comment", "x"));
        assertEquals("the silence's pattern is not a valid event pattern: x", e.getMessage());
    }

    @Test
    void listShowsStateTimesSinksPatternCreatorAndComment() throws Exception {
        assertEquals("no silences\n", Shell.run(new SilenceCommand(), admin));
        Shell.run(new SilenceCommand(), admin, "add", "--pattern", LOGINS, "--for", "1d", "--comment", "pentest",
                "--sink", "secops", "--sink", "console");
        Shell.run(new SilenceCommand(), admin, "add", "--pattern", "{}", "--for", "1h", "--comment", "all quiet");
        Shell.run(new SilenceCommand(), admin, "expire", "101");

        String out = Shell.run(new SilenceCommand(), admin, "list");

        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).matches("\\s*Id\\s+\\| State\\s+\\| Start\\s+\\| End\\s+\\| Sinks\\s+\\| Pattern\\s+\\| By\\s+\\| Comment\\s*"),
                out);
        assertTrue(lines.get(2).matches("\\s*101 \\| expired\\s+\\| 2026-11-22T10:00:00Z \\| 2026-11-22T10:01:00Z \\| every sink\\s+\\| \\{}.*"
                + "\\| -\\s+\\| all quiet\\s*"), out);
        assertTrue(lines.get(3).matches("\\s*100 \\| active\\s+\\| 2026-11-22T10:00:00Z \\| 2026-11-23T10:00:00Z \\| secops, console \\| "
                + "\\Q" + LOGINS + "\\E \\| -\\s+\\| pentest\\s*"), out);
    }

    @Test
    void expireEndsEachGivenSilenceAndRefusesWithoutIds() throws Exception {
        Shell.run(new SilenceCommand(), admin, "add", "--pattern", "{}", "--for", "1h", "--comment", "x");

        assertEquals("expired silence 100 at 2026-11-22T10:01:00Z\n", Shell.run(new SilenceCommand(), admin, "expire", "100"));
        assertEquals(List.of("expire silence 100 by null"), admin.calls);
        Exception none = assertThrows(IllegalArgumentException.class, () -> Shell.run(new SilenceCommand(), admin, "expire"));
        assertTrue(none.getMessage().startsWith("give the ids of the silences to expire"), none.getMessage());
        Exception word = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new SilenceCommand(), admin, "expire", "abc"));
        assertEquals("silence ids are numbers (herald:silence lists them), not 'abc'", word.getMessage());
        Exception gone = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new SilenceCommand(), admin, "expire", "100"));
        assertTrue(gone.getMessage().startsWith("there is no silence 100"), gone.getMessage());
    }

    @Test
    void statusShowsActiveSilencesAndSilencedCounts() throws Exception {
        assertTrue(Shell.run(new StatusCommand(), admin).contains("silences      none active"));
        Shell.run(new SilenceCommand(), admin, "add", "--pattern", "{}", "--for", "2h", "--comment", "x", "--sink", "secops");

        String out = Shell.run(new StatusCommand(), admin);

        assertTrue(out.contains("silences      1 active: 100 (secops until 2026-11-22T12:00:00Z)  (see herald:silence)"), out);
        assertTrue(out.contains("routing       routed 7, throttled 1, silenced 3"), out);
        assertTrue(out.contains("routed 7, throttled 1, silenced 3 -> secops, console"), out);
    }
}
