package dev.herald.core.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.SilenceRequest;
import dev.herald.core.MutableClock;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import dev.herald.core.store.MvStore;
import dev.herald.core.store.Silence;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilenceServiceTest {
    private static final Set<String> SINKS = Set.of("slack", "mail");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    MvStore store;
    SilenceService silences;

    @BeforeEach
    void open() {
        store = MvStore.open(TestSettings.defaults(dir));
        silences = new SilenceService(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String refusal(String pattern, Duration lasting, String comment, String... sinks) {
        return assertThrows(IllegalArgumentException.class, () -> silences.add(
                new SilenceRequest(pattern, List.of(sinks), lasting, comment, null), SINKS)).getMessage();
    }

    @Test
    void anInvalidPatternIsRefusedWithWhatEventRulerSays() {
        String notRuler = refusal("{\"type\":\"ConsoleLogin\"}", Duration.ofHours(1), "x");
        assertTrue(notRuler.startsWith("the silence's pattern is not a valid event pattern: "), notRuler);
        assertTrue(notRuler.length() > "the silence's pattern is not a valid event pattern: ".length(), notRuler);
        String notJson = refusal("{type:", Duration.ofHours(1), "x");
        assertTrue(notJson.startsWith("the silence's pattern is not valid JSON: "), notJson);
        assertTrue(refusal(" ", Duration.ofHours(1), "x").startsWith("the pattern is missing"));
        assertTrue(refusal("{}", Duration.ofHours(1), "x").contains("Empty objects are not allowed"), "event-ruler's words");
    }

    @Test
    void aCommentAPositiveDurationAndKnownSinksAreRequired() {
        String t = "{\"type\":[\"T\"]}";
        assertTrue(refusal(t, Duration.ofHours(1), "  ").startsWith("a comment is required"));
        assertTrue(refusal(t, Duration.ZERO, "x").startsWith("say how long the silence lasts"));
        assertTrue(refusal(t, null, "x").startsWith("say how long the silence lasts"));
        assertEquals("unknown sink slak: a silence can hold back only mail, slack (herald:sinks lists them)",
                refusal(t, Duration.ofHours(1), "x", "slack", "slak"));
        assertEquals(List.of(), store.read(v -> v.silences()), "nothing refused was stored");
    }

    @Test
    void aSilenceMatchesOnlyWhileItLastsAndOnlyWhatItsPatternSays() {
        Silence s = silences.add(new SilenceRequest("{\"source\":[\"cloudtrail\"],\"detail\":{\"n\":[{\"numeric\":[\">\",5]}]}}",
                List.of("mail"), Duration.ofMinutes(30), " why ", "ann"), SINKS);
        long start = clock.millis();

        assertEquals("why", s.comment());
        assertEquals(List.of(s), silences.active().matching(TestEvents.event("1", "cloudtrail", "T", "{\"n\":6}"), start));
        assertEquals(List.of(), silences.active().matching(TestEvents.event("2", "cloudtrail", "T", "{\"n\":5}"), start));
        assertEquals(List.of(), silences.active().matching(TestEvents.event("3", "pce", "T", "{\"n\":6}"), start));
        assertEquals(List.of(), silences.active().matching(TestEvents.event("1", "cloudtrail", "T", "{\"n\":6}"),
                start + Duration.ofMinutes(30).toMillis()), "it ends at its end");
        assertTrue(s.covers("mail"));
        assertTrue(!s.covers("slack"));
    }
}
