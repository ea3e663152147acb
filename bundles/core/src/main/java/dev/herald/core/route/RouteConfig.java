package dev.herald.core.route;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Factory configuration {@code dev.herald.route}: which events go to which sinks. Read through
 * Configuration Admin by {@link RouteRegistry}; this type describes it for Metatype consoles.
 */
@ObjectClassDefinition(factoryPid = RouteConfig.FACTORY_PID, name = "Herald route",
        description = "Sends the events that match an EventBridge pattern to one or more sinks")
public @interface RouteConfig {
    String FACTORY_PID = "dev.herald.route";

    @AttributeDefinition(name = "Name", description = "Unique name of the route")
    String name();

    @AttributeDefinition(name = "Pattern",
            description = "EventBridge event pattern (JSON) matched against the event envelope, e.g. "
                    + "{\"source\":[\"cloudtrail\"],\"detail\":{\"eventName\":[{\"prefix\":\"Delete\"}]}}")
    String pattern();

    @AttributeDefinition(name = "Sinks", description = "Names of the sinks that receive matching events")
    String[] sinks();

    @AttributeDefinition(name = "Severity", required = false,
            description = "Raises the severity of matching events to at least this",
            options = {@Option(value = "", label = "(keep)"), @Option(value = "info", label = "info"),
                @Option(value = "low", label = "low"), @Option(value = "medium", label = "medium"),
                @Option(value = "high", label = "high"), @Option(value = "critical", label = "critical")})
    String severity() default "";

    @AttributeDefinition(name = "Templates", required = false,
            description = "Per-sink template overrides: sinkName=relative/file.peb under etc/herald/templates")
    String[] templates() default {};

    @AttributeDefinition(name = "Throttle", required = false,
            description = "At most N events per period, e.g. 5/10m (units s, m, h, d); empty: no limit")
    String throttle() default "";

    @AttributeDefinition(name = "Throttle key", required = false,
            description = "Dotted path into the envelope counted separately, e.g. detail.userIdentity.arn; "
                    + "empty: the whole route")
    String throttle__key() default "";

    @AttributeDefinition(name = "Priority", required = false,
            description = "When an event matches several routes that send it to one sink, the sink gets one "
                    + "notification: it carries all of them, the highest severity they give, and the template "
                    + "of the first of them (higher priority first, then by name) that names one for the sink")
    int priority() default 0;

    @AttributeDefinition(name = "Enabled")
    boolean enabled() default true;

    String webconsole_configurationFactory_nameHint() default "Route {name} → {sinks}";
}
