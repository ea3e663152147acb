package dev.herald.observe.selfalert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.admin.SelfAlerts;
import dev.herald.observe.health.Assessment;
import dev.herald.observe.health.Condition;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a change of a subject's condition into a self-alert event: {@code herald.sink.paused},
 * {@code herald.sink.dead-lettering}, {@code herald.sink.absent}, {@code herald.sink.recovered},
 * {@code herald.source.problem}, {@code herald.source.recovered}, {@code herald.store.failing},
 * {@code herald.store.recovered}, {@code herald.config.invalid}.
 *
 * <p>The detail carries {@code subject}, {@code kind}, {@code name}, {@code condition},
 * {@code status}, {@code message} and {@code summary} (one readable line for sink templates that
 * know nothing of Herald's own events), and {@code sink} when it is about a sink.
 */
final class SelfAlert {

    private SelfAlert() {
    }

    /**
     * The event for the change from {@code before} (null when the subject was not known) to
     * {@code now}, or empty when the change is not worth an alert.
     */
    static Optional<Event> of(Condition before, Assessment now, Instant at) {
        Condition was = before == null ? Condition.OK : before;
        if (was == now.condition()) {
            return Optional.empty();
        }
        String type;
        Severity severity;
        if (now.condition() == Condition.OK) {
            if ("route".equals(now.kind())) {
                return Optional.empty();
            }
            type = "herald." + now.kind() + ".recovered";
            severity = Severity.INFO;
        } else {
            type = switch (now.condition()) {
                case SOURCE_PROBLEM -> "herald.source.problem";
                case CONFIG_INVALID -> "herald.config.invalid";
                case SINK_ABSENT -> "herald.sink.absent";
                case SINK_PAUSED -> "herald.sink.paused";
                case SINK_DEAD_LETTERING -> "herald.sink.dead-lettering";
                case STORE_FAILING -> "herald.store.failing";
                case OK -> throw new AssertionError();
            };
            severity = switch (now.condition().level()) {
                case CRITICAL -> Severity.CRITICAL;
                case WARN -> now.condition() == Condition.SINK_PAUSED ? Severity.MEDIUM : Severity.HIGH;
                case OK -> Severity.INFO;
            };
        }
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("subject", now.subject());
        detail.put("kind", now.kind());
        detail.put("name", now.name());
        detail.put("condition", now.condition().name().toLowerCase(Locale.ROOT));
        detail.put("status", now.condition().level().name());
        detail.put("message", now.message());
        detail.put("summary", "Herald " + now.subject() + ": " + now.message());
        if ("sink".equals(now.kind())) {
            detail.put(SelfAlerts.SINK_FIELD, now.name());
        }
        return Optional.of(Event.builder()
                .id(type + "/" + now.subject() + "/" + at.toEpochMilli())
                .source(SelfAlerts.SOURCE).instance(SelfAlerts.SOURCE)
                .type(type).time(at).severity(severity).detail(detail).build());
    }
}
