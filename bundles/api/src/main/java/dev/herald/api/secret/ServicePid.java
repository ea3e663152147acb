package dev.herald.api.secret;

/**
 * The PID of the configuration a component was made from, as a component property type: add a
 * parameter of this type to the activation constructor and Declarative Services fills it from
 * the component's {@code service.pid}. {@link Secrets#reveal} needs it to resolve only the
 * references issued for the component's own configuration.
 */
public @interface ServicePid {
    /** The configuration's PID ({@code service.pid}); empty for a component built by hand. */
    String service_pid() default "";
}
