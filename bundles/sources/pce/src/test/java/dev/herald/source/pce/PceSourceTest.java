package dev.herald.source.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.http.HttpClients;
import dev.herald.http.HttpSettings;
import dev.herald.testkit.Await;
import dev.herald.testkit.journal.MemoryJournal;
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
                Await.until("the event is polled", () -> !journal.ids().isEmpty());
            } finally {
                source.stop();
            }
            assertEquals(List.of(event), journal.ids());
            assertEquals(1, pce.healthRequests());
            assertTrue(journal.position("source-test") != null);
        }
    }
}
