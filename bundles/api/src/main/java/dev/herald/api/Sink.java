package dev.herald.api;

/**
 * Delivers a rendered {@link Notification} somewhere: a chat channel, a pager, a SIEM.
 *
 * <p>Register it as an OSGi service from a factory-configured component. Its service properties
 * (copied by DS from the configuration) must include {@link #NAME}, by which routes refer to it,
 * and may include {@link #RATE} (messages per second), {@link #TEMPLATE_ESCAPE} and {@link #FORMAT}.
 *
 * <p>The sink classifies every failure; the dispatcher decides when to retry. The sink must not
 * retry on its own, swallow an error, or log secrets.
 */
public interface Sink {

    /** Service property: the sink's configured name, referenced by routes. */
    String NAME = "name";

    /** Service property: the most messages per second the dispatcher sends to it (0: no cap). */
    String RATE = "rate";

    /**
     * Service property: how template output is escaped for this sink's body: {@code json},
     * {@code html} or {@code none}. Defaults to {@code none}.
     */
    String TEMPLATE_ESCAPE = "herald.template.escape";

    /**
     * Service property: the body format the sink's configuration selects, such as a syslog sink's
     * {@code cef} or {@code leef}. It names a set of templates: Herald looks for
     * {@code templates/<format>/<event.source>.peb} and {@code templates/<format>/default.peb} (in
     * {@code etc/herald/templates/<sinkKind>/} and in the sink bundle) before the sink's plain
     * templates. Absent: the plain templates only.
     */
    String FORMAT = "format";

    /**
     * Service property: {@code false} when the sink never reads {@link Notification#idempotencyKey()}
     * ({@link dev.herald.api.sink.IdempotencyKeys}); absent or anything else, it does.
     */
    String IDEMPOTENCY_KEYS = "herald.idempotency.keys";

    /**
     * Sends one notification.
     *
     * @throws DeliveryException retryable (outage, 429, 5xx, I/O) or permanent (4xx, bad
     *                           configuration, a payload the peer rejects)
     */
    void send(Notification notification) throws DeliveryException;
}
