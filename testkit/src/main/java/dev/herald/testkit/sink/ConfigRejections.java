package dev.herald.testkit.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A table of bad configurations and the exact message each must be refused with, checked all at
 * once: one run shows every message that changed (expected → actual), not only the first.
 *
 * <pre>{@code
 * ConfigRejections.of(AcmeSinkTest::sink)
 *         .expect(config("rate", "-1"), "acme sink 'a': rate must be 0 (no limit) or …; was -1")
 *         .assertAll(message -> assertFalse(message.contains(TOKEN), message));
 * }</pre>
 */
public final class ConfigRejections {
    private final Function<Map<String, Object>, ?> activate;
    private final List<Map.Entry<Map<String, Object>, String>> cases = new ArrayList<>();

    private ConfigRejections(Function<Map<String, Object>, ?> activate) {
        this.activate = activate;
    }

    /** Cases for the component {@code activate} builds from properties, as DS would. */
    public static ConfigRejections of(Function<Map<String, Object>, ?> activate) {
        return new ConfigRejections(activate);
    }

    /** {@code properties} must be refused with an {@link IllegalArgumentException} saying exactly {@code message}. */
    public ConfigRejections expect(Map<String, Object> properties, String message) {
        cases.add(Map.entry(properties, message));
        return this;
    }

    /** Fails unless every case is refused with its message, listing every one that is not. */
    public void assertAll() {
        assertAll(message -> { });
    }

    /**
     * Fails unless every case is refused with its message, listing every one that is not; each
     * message is also handed to {@code checkMessage} (e.g. that it shows no secret).
     */
    public void assertAll(Consumer<String> checkMessage) {
        Map<String, String> mismatches = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        for (Map.Entry<Map<String, Object>, String> c : cases) {
            Map<String, Object> properties = c.getKey();
            String expected = c.getValue();
            try {
                activate.apply(properties);
                accepted.add(properties.toString());
            } catch (IllegalArgumentException e) {
                checkMessage.accept(e.getMessage());
                if (!expected.equals(e.getMessage())) {
                    mismatches.put(expected, e.getMessage());
                }
            }
        }
        if (!accepted.isEmpty() || !mismatches.isEmpty()) {
            throw new AssertionError("accepted (should be refused): " + accepted
                    + "; expected message -> actual message: " + mismatches);
        }
    }
}
