package dev.herald.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets through at most {@code limit} events per key in each window of {@code period}, the window
 * starting at the first event of the key. State is in memory and bounded: the least recently
 * seen keys are forgotten first.
 */
final class Throttle {
    static final int MAX_KEYS = 100_000;

    private final ThrottleSpec spec;
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_KEYS;
        }
    };

    Throttle(ThrottleSpec spec) {
        this.spec = spec;
    }

    ThrottleSpec spec() {
        return spec;
    }

    /**
     * Whether an event with this envelope may pass at {@code now} (epoch millis); counts it if so,
     * and notes in {@code admissions} how to take the count back.
     */
    synchronized boolean allow(JsonNode envelope, long now, Admissions admissions) {
        String key = keyOf(envelope);
        Window w = windows.computeIfAbsent(key, k -> new Window());
        Window before = w.copy();
        if (w.count == 0 || now - w.start >= spec.period().toMillis()) {
            w.start = now;
            w.count = 0;
        }
        if (w.count >= spec.limit()) {
            return false;
        }
        w.count++;
        Window counted = w;
        admissions.add(() -> restore(key, counted, before));
        return true;
    }

    /** Puts a key's window back as it was before a count that is taken back. */
    private synchronized void restore(String key, Window counted, Window before) {
        if (before.count == 0) {
            windows.remove(key);
        } else {
            counted.start = before.start;
            counted.count = before.count;
            windows.put(key, counted);
        }
    }

    private String keyOf(JsonNode envelope) {
        if (spec.keyPath() == null) {
            return "";
        }
        JsonNode n = envelope;
        for (String part : spec.keyPath().split("\\.")) {
            n = n.path(part);
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static final class Window {
        long start;
        int count;

        Window copy() {
            Window w = new Window();
            w.start = start;
            w.count = count;
            return w;
        }
    }
}
