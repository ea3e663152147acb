package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.secret.ServicePid;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpConnection;
import dev.herald.http.HttpSettings;
import dev.herald.testkit.journal.MemoryJournal;
import dev.herald.testkit.source.TypedConfig;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What this source does beyond the contract: the requests it makes, the events it makes, the settings it refuses. */
class ${sourceClass}SourceTest {
    private final FeedEmulator feed = new FeedEmulator();
    private final MemoryJournal journal = new MemoryJournal();

    @AfterEach
    void close() {
        feed.close();
    }

    @Test
    void asksForThePageAfterTheCheckpointWithTheTokenAsBearer() throws Exception {
        feed.add(List.of("{\"id\":\"a-1\",\"type\":\"user.login\",\"time\":\"2026-11-03T12:00:00Z\",\"severity\":\"high\"}"));
        ${sourceClass}Poller poller = poller("t-1");

        poller.poll();
        poller.poll();

        Recorded first = feed.take();
        assertEquals("Bearer t-1", first.header("Authorization"));
        assertEquals("limit=10", first.uri().getRawQuery());
        assertEquals("limit=10&after=a-1", feed.take().uri().getRawQuery());
        Event event = journal.events().get(0);
        assertEquals("a-1", event.id());
        assertEquals("user.login", event.type());
    }

    @Test
    void refusesAConfigurationWithoutANameOrWithABadUrlOrPageSizeNamingTheSetting() {
        assertMessage("${sourceKind} source: name is required", "name", "");
        assertMessage("${sourceKind} source 'prod': url", "url", "http://api.${sourceKind}.example/v1/events");
        assertMessage("${sourceKind} source 'prod': page_size = 0 is out of range", "page_size", 0);
        assertMessage("${sourceKind} source 'prod': poll_interval = 0 is out of range", "poll_interval", 0);
    }

    private void assertMessage(String start, String property, Object value) {
        TypedConfig config = TypedConfig.of("name", "prod", "url", feed.url(), "service.pid", "").with(property, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ${sourceClass}Source(config.as(${sourceClass}Source.Config.class), config.as(ServicePid.class),
                        config.as(HttpConnection.class), journal, HttpClients.standalone()));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    private ${sourceClass}Poller poller(String token) {
        return new ${sourceClass}Poller("prod", new ${sourceClass}Poller.Feed(URI.create(feed.url()), token, 10, Duration.ofSeconds(60)),
                HttpClients.standalone().create(HttpSettings.builder("test").build()), journal, Clock.systemUTC(), () -> false);
    }
}
