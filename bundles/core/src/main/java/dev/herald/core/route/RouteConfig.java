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

    @AttributeDefinition(name = "Group by", required = false,
            description = "Envelope paths whose values group events into digests, e.g. type, detail.userIdentity.arn: "
                    + "each group's events go to each sink as one notification (group.count, group.events in "
                    + "templates); empty: every event is sent on its own")
    String[] group__by() default {};

    @AttributeDefinition(name = "Group wait", required = false,
            description = "How long a new group collects events before its first digest, e.g. 30s (units ms, s, m,"
                    + " h, d); empty: 30s; only with group_by")
    String group__wait() default "";

    @AttributeDefinition(name = "Group interval", required = false,
            description = "The least time between two digests of one group: later events of the group go out "
                    + "together at most this often, e.g. 10m; empty: 5m; only with group_by")
    String group__interval() default "";

    @AttributeDefinition(name = "Repeat interval", required = false,
            description = "How long a group stays open after its last digest while no event joins it (events never "
                    + "resolve): after that, its next event opens a new group that waits group_wait again, e.g. 1d;"
                    + " at least group_interval; empty: 4h; only with group_by")
    String repeat__interval() default "";

    @AttributeDefinition(name = "Enabled")
    boolean enabled() default true;

    String webconsole_configurationFactory_nameHint() default "Route {name} → {sinks}";
}
