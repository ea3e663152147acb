package dev.herald.api.secret;

/**
 * The PID of the configuration a component was made from, as a component property type: add a
 * parameter of this type to the activation constructor and Declarative Services fills it from
 * the component's {@code service.pid}. {@link Secrets#reveal} needs it to resolve only the
 * references issued for the component's own configuration.
 */
public @interface ServicePid {
    /**
     * The configuration's PID ({@code service.pid}). It has no default on purpose: bnd would write
     * a default into the component description, and DS would then make {@code service.pid} a list
     * of that default and the configuration's PID.
     */
    String service_pid();
}
