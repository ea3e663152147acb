package dev.herald.core.enrich;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.enrich.Enricher;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** An enricher whose lookup the test chooses: a field to add, a failure, or a wait that never ends. */
public class TestEnricher implements Enricher {
    /** What {@link #enrich} does; may throw or block. */
    public interface Lookup {
        ObjectNode apply(Event event) throws Exception;
    }

    private final String name;
    private final int order;
    private final Duration timeout;
    private final Lookup lookup;
    final AtomicInteger calls = new AtomicInteger();

    public TestEnricher(String name, int order, Duration timeout, Lookup lookup) {
        this.name = name;
        this.order = order;
        this.timeout = timeout;
        this.lookup = lookup;
    }

    /** Adds {@code {field: value}}. */
    public static TestEnricher adding(String name, String field, String value) {
        return new TestEnricher(name, 100, DEFAULT_TIMEOUT, e -> fields(field, value));
    }

    public static ObjectNode fields(String field, String value) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putObject(field).put("value", value);
        return n;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /** An in-memory variant of this enricher: the stage runs it on the caller's thread. */
    public TestEnricher inMemoryCopy() {
        return new TestEnricher(name, order, timeout, lookup) {
            @Override
            public boolean inMemory() {
                return true;
            }
        };
    }

    @Override
    public boolean appliesTo(Event event) {
        return !event.type().equals("ignored");
    }

    @Override
    public ObjectNode enrich(Event event) throws Exception {
        calls.incrementAndGet();
        return lookup.apply(event);
    }
}
