package dev.herald.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.JournalException;
import dev.herald.testkit.journal.MemoryJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceHealthTest {
    private static final Instant NOW = Instant.parse("2026-11-03T12:00:00Z");

    private final MemoryJournal journal = new MemoryJournal();
    private final SourceHealth health = new SourceHealth("src", journal, Duration.ofSeconds(30));

    @Test
    void theProblemsOfEverySubjectAreShownTogetherUntilEachReadsAgain() {
        health.health("eu-west-1").refused("access denied", NOW);
        health.health("us-east-1").failed("throttled", Optional.empty(), NOW);
        health.report();
        assertEquals("eu-west-1: access denied; asking again in 300 s; us-east-1: throttled; asking again in 30 s",
                journal.problem("src"));

        health.health("eu-west-1").readAgain();
        health.report();
        assertEquals("us-east-1: throttled; asking again in 30 s", journal.problem("src"));

        health.health("us-east-1").readAgain();
        health.report();
        assertNull(journal.problem("src"));
        assertTrue(health.reported().isEmpty());
    }

    @Test
    void aJournalRefusalIsShownForThePollItHappenedIn() {
        health.journalRefused("the events", new JournalException("disk full"));
        health.report();
        assertEquals("the journal refused the events (disk full); nothing more was committed, asking again at the"
                + " next poll", journal.problem("src"));

        health.health().readAgain();
        health.report();
        assertNull(journal.problem("src"), "the next poll that commits clears it");
    }
}
