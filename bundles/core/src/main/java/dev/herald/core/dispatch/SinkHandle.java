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
 */
public record SinkHandle(String name, String kind, Escape escape, String templateSet, double rate, Sink sink,
                         SinkResources resources, Object identity) {
}
