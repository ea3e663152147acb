package dev.herald.core.dispatch;

import dev.herald.api.Sink;
import dev.herald.core.template.Escape;
import dev.herald.core.template.SinkResources;

/**
 * A present sink service with what the dispatcher needs to know about it.
 *
 * @param name      its configured name
 * @param kind      its plugin kind ({@code slack}, …), or null when it has no factory configuration
 * @param escape    its body type
 * @param templateSet the template set its configuration selects, or null
 * @param rate      messages per second, 0 for no limit
 * @param sink      the service
 * @param resources its bundle's templates, or null
 * @param identity  tells two registrations of the same name apart
 * @param idempotencyKeys whether the sink reads idempotency keys ({@link dev.herald.api.sink.IdempotencyKeys}):
 *                  when not, none is hashed for its deliveries
 */
public record SinkHandle(String name, String kind, Escape escape, String templateSet, double rate, Sink sink,
                         SinkResources resources, Object identity, boolean idempotencyKeys) {

    /** A sink that reads idempotency keys. */
    public SinkHandle(String name, String kind, Escape escape, String templateSet, double rate, Sink sink,
                      SinkResources resources, Object identity) {
        this(name, kind, escape, templateSet, rate, sink, resources, identity, true);
    }
}
