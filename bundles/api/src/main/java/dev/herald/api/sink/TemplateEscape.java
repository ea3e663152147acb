package dev.herald.api.sink;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares how the host escapes template output for this sink: put {@code @TemplateEscape(Escaping.JSON)}
 * on the sink's component class. DS publishes it as the service property {@code
 * herald.template.escape} ({@link dev.herald.api.Sink#TEMPLATE_ESCAPE}); the host reads it back as
 * {@link SinkTraits#escape()}. Without it, {@link Escaping#NONE}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TemplateEscape {
    /** Makes the property {@code herald.template.escape}. */
    String PREFIX_ = "herald.";

    Escaping value();
}
