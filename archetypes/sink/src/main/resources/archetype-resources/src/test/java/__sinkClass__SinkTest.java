package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.http.HttpClients;
import dev.herald.testkit.http.StubHttpServer;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.sink.SampleEvents;
import dev.herald.testkit.sink.SinkConfig;
import dev.herald.testkit.sink.SinkTemplates;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What this sink does beyond the contract: what it posts, and the configuration it refuses. */
class ${sinkClass}SinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StubHttpServer peer = StubHttpServer.http();

    @AfterEach
    void stopPeer() {
        peer.close();
    }

    @Test
    void postsTheRenderedBodyWithTheTokenAsBearer() throws Exception {
        ${sinkClass}Sink sink = sink(Map.of("name", "${sinkKind}", "url", peer.uri("/v1/alerts").toString(), "token", "t-1"));
        Notification notification = SinkTemplates.of(${sinkClass}Sink.class)
                .notification(SampleEvents.hostile(SampleEvents.CLOUDTRAIL), Severity.HIGH);

        sink.send(notification);

        Recorded request = peer.take();
        assertEquals("POST", request.method());
        assertEquals("/v1/alerts", request.uri().getPath());
        assertEquals("Bearer t-1", request.header("Authorization"));
        assertEquals(notification.body(), request.bodyText());
    }

    @Test
    void sendsNoAuthorizationWithoutAToken() throws Exception {
        ${sinkClass}Sink sink = sink(Map.of("name", "${sinkKind}", "url", peer.uri("/v1/alerts").toString()));

        sink.send(SinkTemplates.of(${sinkClass}Sink.class).notification(SampleEvents.of(SampleEvents.PCE), Severity.LOW));

        assertEquals(null, peer.take().header("Authorization"));
    }

    @Test
    void theDefaultTemplateIsAJsonDocumentWithTheSummaryAndTheEventForEveryKindOfRecord() throws Exception {
        for (Map.Entry<String, Event> sample : SampleEvents.all().entrySet()) {
            Event event = SampleEvents.hostile(sample.getKey());
            JsonNode json = JSON.readTree(SinkTemplates.of(${sinkClass}Sink.class).render(event));
            assertEquals(SampleEvents.summary(event).title(), json.path("title").asText(), sample.getKey());
            assertEquals(SampleEvents.summary(event).actor(), json.path("summary").path("actor").textValue(),
                    sample.getKey());
            assertTrue(json.path("event").isObject(), sample.getKey());
        }
    }

    @Test
    void refusesAPlainHttpUrlToAnotherHostNamingTheSinkAndTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sink(Map.of("name", "${sinkKind}", "url", "http://api.${sinkKind}.example/v1/alerts")));
        assertTrue(e.getMessage().startsWith("${sinkKind} sink '${sinkKind}': url"), e.getMessage());
    }

    private static ${sinkClass}Sink sink(Map<String, Object> properties) {
        return SinkConfig.of(${sinkClass}Sink.Config.class, properties).activate(${sinkClass}Sink.class, HttpClients.standalone());
    }
}
