package dev.herald.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.Projection;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.herald.core.route.RouteTable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Events and routes for tests. */
public final class TestEvents {
    public static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** An event whose raw text is {@code detailJson} exactly. */
    public static Event event(String id, String source, String type, String detailJson) {
        return Event.builder().id(id).source(source).instance("test-src").type(type)
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.LOW)
                .detail(json(detailJson)).raw(detailJson).build();
    }

    /**
     * The event as a source that parsed only the members {@code kept} of its detail (an object; a
     * path such as {@code a.b} keeps of {@code a} only {@code b}) gives it; reads of other members are
     * added to {@code missed}.
     */
    public static Event inPart(Event e, Set<String> kept, Set<String> missed) {
        Projection projection = Projection.of(kept, missed::add);
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(e.raw().getBytes(StandardCharsets.UTF_8)),
                RecordReader.DEFAULT_MAX_RECORD_BYTES, () -> projection)) {
            ObjectNode members = (ObjectNode) ((RecordEntry.Parsed) reader.next()).json();
            return e.toBuilder().projected(members, projection, e.raw()).build();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Route properties as Configuration Admin would hold them. */
    public static Map<String, Object> route(String name, String pattern, String... sinks) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("pattern", pattern);
        p.put("sinks", sinks);
        return p;
    }

    /** A table of routes, each given as its properties. */
    @SafeVarargs
    public static RouteTable routes(Map<String, Object>... routes) {
        Map<String, Map<String, Object>> byPid = new LinkedHashMap<>();
        for (int i = 0; i < routes.length; i++) {
            byPid.put("dev.herald.route~" + i, routes[i]);
        }
        return RouteTable.fromConfigurations(byPid, null);
    }
}
