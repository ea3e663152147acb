package dev.herald.source.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadCacheTest {
    final MutableClock clock = new MutableClock(Instant.EPOCH);
    final List<String> fetched = new ArrayList<>();

    private Optional<ObjectNode> fetch(String key) {
        fetched.add(key);
        return Optional.of(JsonNodeFactory.instance.objectNode().put("hostname", key));
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() throws Exception {
        WorkloadCache cache = new WorkloadCache(2, Duration.ofMinutes(5), clock);
        cache.get("a", this::fetch);
        cache.get("b", this::fetch);
        cache.get("a", this::fetch); // a is now the most recently used
        cache.get("c", this::fetch); // pushes b out

        cache.get("a", this::fetch);
        cache.get("b", this::fetch);

        assertEquals(List.of("a", "b", "c", "b"), fetched);
        assertEquals(2, cache.size());
    }

    @Test
    void aFailedLookupIsNotCached() throws Exception {
        WorkloadCache cache = new WorkloadCache(2, Duration.ofMinutes(5), clock);
        assertThrows(IllegalStateException.class, () -> cache.get("a", k -> {
            throw new IllegalStateException("PCE down");
        }));
        assertEquals("a", cache.get("a", this::fetch).orElseThrow().path("hostname").asText());
    }
}
