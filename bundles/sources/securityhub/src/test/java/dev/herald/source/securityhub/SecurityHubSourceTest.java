package dev.herald.source.securityhub;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.record.RecordException;
import dev.herald.testkit.Await;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.journal.MemoryJournal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.servlet.Servlet;
import org.junit.jupiter.api.Test;

class SecurityHubSourceTest {
    private static final SecurityHubSource.ServletPublisher NO_HTTP = (servlet, properties) -> {
        throw new AssertionError("poll mode publishes no servlet");
    };

    @Test
    void pollModeReadsFindingsOnActivation() throws Exception {
        try (SecurityHubEmulator aws = new SecurityHubEmulator()) {
            var finding = aws.add(Instant.now().minusSeconds(60), "HIGH");
            MemoryJournal journal = new MemoryJournal();
            TestConfig test = new TestConfig(aws.url(), "backfill_hours", 1);
            SecurityHubSource source = new SecurityHubSource(test.config(), test.connection(), journal,
                    Clock.systemUTC(), NO_HTTP, HeraldKinds.all().recognizer());
            try {
                Await.until("the findings are polled", () -> journal.position(TestConfig.NAME) != null);
            } finally {
                source.stop();
            }
            assertEquals(List.of(finding.get("Id").asText() + "@" + finding.get("UpdatedAt").asText()),
                    journal.ids());
        }
    }

    @Test
    void pushModePublishesTheServletAtItsPathAndWithdrawsItOnStop() {
        List<Dictionary<String, Object>> published = new ArrayList<>();
        List<Servlet> servlets = new ArrayList<>();
        AtomicBoolean withdrawn = new AtomicBoolean();
        TestConfig test = TestConfig.push("name", "prod");

        SecurityHubSource source = new SecurityHubSource(test.config(), test.connection(), new MemoryJournal(),
                Clock.systemUTC(), (servlet, properties) -> {
                    servlets.add(servlet);
                    published.add(properties);
                    return () -> withdrawn.set(true);
                }, HeraldKinds.all().recognizer());
        source.stop();

        assertEquals("/herald/securityhub/prod", published.get(0).get("osgi.http.whiteboard.servlet.pattern"));
        assertInstanceOf(PushServlet.class, servlets.get(0));
        assertTrue(withdrawn.get());
    }

    @Test
    void invalidConfigurationFailsActivationNamingTheProperty() {
        TestConfig test = new TestConfig("", "severity_labels", "SEVERE");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SecurityHubSource(test.config(), test.connection(), new MemoryJournal(), Clock.systemUTC(),
                        NO_HTTP, HeraldKinds.all().recognizer()));
        assertTrue(e.getMessage().startsWith("securityhub source 'hub': severity_labels"), e.getMessage());
        TestConfig badKeys = new TestConfig("", "access_key_id", "");
        e = assertThrows(IllegalArgumentException.class, () -> new SecurityHubSource(badKeys.config(),
                badKeys.connection(), new MemoryJournal(), Clock.systemUTC(), NO_HTTP, HeraldKinds.all().recognizer()));
        assertTrue(e.getMessage().contains("credentials=static needs access_key_id"), e.getMessage());
    }

    @Test
    void aQuarantinedFindingIsReadAgainAsIfReadNow() {
        TestConfig test = TestConfig.push("name", "prod");
        SecurityHubSource source = new SecurityHubSource(test.config(), test.connection(), new MemoryJournal(),
                Clock.systemUTC(), (servlet, properties) -> () -> { }, HeraldKinds.all().recognizer());
        try {
            Instant updated = Instant.parse("2026-11-22T10:00:00Z");
            String asff = SecurityHubEmulator.finding("f-1", updated, "HIGH").toString();
            List<Event> events = assertDoesNotThrow(() -> source.reread("EventBridge event e finding 1 of 1: f-1", asff));
            assertEquals(List.of("f-1@" + updated), events.stream().map(Event::id).toList());
            assertEquals("prod", events.get(0).instance());
            assertEquals(asff, events.get(0).raw(), "its text as it was quarantined");
            RecordException still = assertThrows(RecordException.class,
                    () -> source.reread("f-2", asff.replace(updated.toString(), "later")));
            assertTrue(still.getMessage().contains("UpdatedAt"), still.getMessage());
            assertThrows(RecordException.class, () -> source.reread("f-3", "{\"cut"));
        } finally {
            source.stop();
        }
    }
}
