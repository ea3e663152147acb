package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.ReplayRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class ReplayCommandTest {

    private final FakeAdmin admin = FakeAdmin.populated();

    private ReplayCommand command() {
        ReplayCommand c = new ReplayCommand();
        c.clock = Clock.fixed(FakeAdmin.T0, ZoneOffset.UTC);
        return c;
    }

    @Test
    void withoutSendItIsADryRunThatPrintsTheCounts() throws Exception {
        String out = Shell.run(command(), admin, "--since", "7d", "--route", "ct-to-slack");

        assertEquals("dry run of route ct-to-slack from 2026-11-15T10:00:00Z to 2026-11-22T10:00:00Z:"
                + " 1200 events scanned, 40 matched\n"
                + "  secops: would send 40 notifications\n"
                + "nothing was sent: add --send to deliver\n", out);
        ReplayRequest r = admin.replays.get(0);
        assertEquals(FakeAdmin.T0.minus(Duration.ofDays(7)), r.since());
        assertNull(r.until(), "until defaults to now, as core sees it");
        assertEquals(List.of(), r.sinks());
        assertTrue(!r.send());
    }

    @Test
    void sendPassesEveryFilterAndSaysWhereTheNotificationsWent() throws Exception {
        admin.replayPerSink = Map.of("secops", 1L);
        String out = Shell.run(command(), admin, "--since", "2026-11-22T08:00:00Z", "--until", "2026-11-22T09:00:00+01:00",
                "--route", "ct-to-slack", "--sink", "secops", "--source", "cloudtrail", "--type", "ConsoleLogin",
                "--id", "ev-1", "--send");

        assertTrue(out.startsWith("replay r-1 of route ct-to-slack from 2026-11-22T08:00:00Z to 2026-11-22T08:00:00Z"), out);
        assertTrue(out.contains("  secops: queued 1 notification\n"), out);
        assertTrue(out.contains("herald:outbox"), out);
        assertEquals(new ReplayRequest(Instant.parse("2026-11-22T08:00:00Z"), Instant.parse("2026-11-22T08:00:00Z"),
                "cloudtrail", "ConsoleLogin", "ev-1", "ct-to-slack", List.of("secops"), true), admin.replays.get(0));
    }

    @Test
    void aDateIsMidnightUtcAndSeveralSinksMayBeNamed() throws Exception {
        Shell.run(command(), admin, "--since", "2026-11-21", "--route", "r", "--sink", "a", "--sink", "b");
        assertEquals(Instant.parse("2026-11-21T00:00:00Z"), admin.replays.get(0).since());
        assertEquals(List.of("a", "b"), admin.replays.get(0).sinks());
    }

    @Test
    void aTimeItCannotReadIsRefusedWithTheFormsItTakes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(command(), admin, "--since", "last week", "--route", "r"));
        assertEquals("--since 'last week' is not a time: give an ISO-8601 time (2026-11-20T10:00:00Z), a date"
                + " (2026-11-20, UTC) or an age such as 90m, 36h or 7d", e.getMessage());
        assertTrue(admin.replays.isEmpty());
    }

    @Test
    void sinceAndRouteAreRequired() {
        CommandException e = assertThrows(CommandException.class, () -> Shell.run(command(), admin, "--since", "1h"));
        assertTrue(e.getMessage().contains("--route"), e.getMessage());
        assertThrows(CommandException.class, () -> Shell.run(command(), admin, "--route", "r"));
    }

    @Test
    void coreRefusalsReachTheOperatorAsTheyAre() {
        admin.replayRefusal = new IllegalArgumentException("no route named 'nope'; configured routes: a, b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(command(), admin, "--since", "1h", "--route", "nope"));
        assertEquals("no route named 'nope'; configured routes: a, b", e.getMessage());
    }
}
