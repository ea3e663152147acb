package dev.herald.source.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testkit.journal.MemoryJournal;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PceSourceTest {

    @Test
    void checksHealthThenPolls() throws Exception {
        try (PceEmulator pce = new PceEmulator(1)) {
            String event = pce.add(Instant.now().minusSeconds(60), "user.sign_in");
            MemoryJournal journal = new MemoryJournal();
            PceSource source = new PceSource(TestConfig.settings("pce_url", pce.url(), "name", "source-test"), journal,
                    HttpClients.standalone().create(HttpSettings.builder("test").build()), Clock.systemUTC());
            try {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (journal.ids().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            } finally {
                source.stop();
            }
            assertEquals(List.of(event), journal.ids());
            assertEquals(1, pce.healthRequests());
            assertTrue(journal.position("source-test") != null);
        }
    }
}
