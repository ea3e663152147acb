package dev.herald.source.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.record.RecordException;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpSettings;
import dev.herald.testkit.Await;
import dev.herald.testkit.HeraldKinds;
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
                    HttpClients.standalone().create(HttpSettings.builder("test").build()), Clock.systemUTC(), HeraldKinds.all().recognizer());
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

    @Test
    void aQuarantinedAuditEventIsReadAgainAsIfReadNow() throws Exception {
        try (PceEmulator pce = new PceEmulator(1)) {
            PceSource source = new PceSource(TestConfig.settings("pce_url", pce.url(), "name", "retry-test",
                    "poll_interval", 3600), new MemoryJournal(),
                    HttpClients.standalone().create(HttpSettings.builder("test").build()), Clock.systemUTC(), HeraldKinds.all().recognizer());
            try {
                String good = "{\"href\":\"/orgs/1/events/e-1\",\"event_type\":\"user.sign_in\","
                        + "\"timestamp\":\"2026-11-22T10:00:00Z\",\"status\":\"success\",\"severity\":\"info\"}";
                List<Event> events = source.reread("pce:/orgs/1/events/e-1", good);
                assertEquals(List.of("/orgs/1/events/e-1"), events.stream().map(Event::id).toList());
                assertEquals("retry-test", events.get(0).instance());
                RecordException still = assertThrows(RecordException.class,
                        () -> source.reread("pce:/orgs/1/events/e-2", good.replace("2026-11-22T10:00:00Z", "yesterday")));
                assertTrue(still.getMessage().contains("timestamp"), still.getMessage());
            } finally {
                source.stop();
            }
        }
    }
}
