package dev.herald.api.sink;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares that a sink never reads {@link dev.herald.api.Notification#idempotencyKey()}: put
 * {@code @IdempotencyKeys(false)} on the component class of a sink whose receiver does not
 * deduplicate (syslog). The host then does not hash a key for every delivery: the sink gets a key
 * that only tells the notifications of one batch apart, and a template that reads {@code
 * idempotencyKey} still gets the real key, worked out when it reads it. DS publishes it as the
 * service property {@code herald.idempotency.keys} ({@link dev.herald.api.Sink#IDEMPOTENCY_KEYS});
 * the host reads it back as {@link SinkTraits#idempotencyKeys()}. Without it, keys are hashed.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface IdempotencyKeys {
    /** Makes the property {@code herald.idempotency.keys}. */
    String PREFIX_ = "herald.";

    /** False: the sink reads no idempotency keys. */
    boolean value();
}
