package dev.herald.api.sink;

import dev.herald.api.Sink;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the host reads from a sink's service properties, typed: the name and rate of its
 * configuration (checked by {@link SinkSetup}), its {@link TemplateEscape}, the template set its
 * configuration selects ({@link Sink#FORMAT}), and whether it reads idempotency keys ({@link
 * IdempotencyKeys}). The property names are those of earlier releases, so a sink that still sets them
 * as plain strings reads the same.
 *
 * @param name    the name routes refer to; empty when the sink has none (routes cannot use it)
 * @param escape  how template output is escaped
 * @param rate    messages per second, 0 for no limit
 * @param format  the template set, empty for the plain templates
 * @param problem what is wrong with a property that was read as its default, for the host's log
 * @param idempotencyKeys whether the sink reads {@link dev.herald.api.Notification#idempotencyKey()}
 *                ({@link IdempotencyKeys}); true unless it says false
 */
public record SinkTraits(String name, Escaping escape, double rate, String format, Optional<String> problem,
                         boolean idempotencyKeys) {

    /** Traits of a sink that reads idempotency keys. */
    public SinkTraits(String name, Escaping escape, double rate, String format, Optional<String> problem) {
        this(name, escape, rate, format, problem, true);
    }

    /** Reads the properties of a sink service, e.g. {@code SinkTraits.read(ref::getProperty)}. */
    public static SinkTraits read(Function<String, Object> properties) {
        String problem = null;
        double rate = 0;
        Object rateValue = properties.apply(Sink.RATE);
        if (rateValue != null) {
            try {
                rate = rateValue instanceof Number n ? n.doubleValue() : Double.parseDouble(rateValue.toString().trim());
            } catch (NumberFormatException e) {
                problem = "rate '" + rateValue + "' is not a number; sending without a rate limit";
            }
            if (!(rate >= 0)) {
                problem = "rate " + rateValue + " is negative; sending without a rate limit";
                rate = 0;
            }
        }
        Object escapeValue = properties.apply(Sink.TEMPLATE_ESCAPE);
        Escaping escape = Escaping.NONE;
        if (escapeValue != null) {
            try {
                escape = Escaping.valueOf(escapeValue.toString().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem = Sink.TEMPLATE_ESCAPE + " '" + escapeValue + "' is not json, html or none; not escaping";
            }
        }
        // only an explicit false turns keys off: a sink that says nothing (or something unclear) gets them
        Object keys = properties.apply(Sink.IDEMPOTENCY_KEYS);
        boolean idempotencyKeys = keys == null || !"false".equalsIgnoreCase(keys.toString().trim());
        return new SinkTraits(text(properties.apply(Sink.NAME)), escape, rate, text(properties.apply(Sink.FORMAT)),
                Optional.ofNullable(problem), idempotencyKeys);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
