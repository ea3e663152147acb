package dev.herald.observe.metrics;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Herald metrics", description = "The Prometheus endpoint /metrics and who may read it.")
@interface MetricsConfig {
    /** The configuration PID. */
    String PID = "dev.herald.metrics";

    @AttributeDefinition(name = "Bearer token", type = AttributeType.PASSWORD, required = false,
            description = "A scraper sending 'Authorization: Bearer <token>' may read /metrics. Empty: only users"
                    + " of the JAAS realm with the role below may (HTTP basic). Use $[secret:...] to keep it out of etc/.")
    String token() default "";

    @AttributeDefinition(name = "JAAS realm", description = "Karaf JAAS realm that checks HTTP basic logins"
            + " (karaf: etc/users.properties, as for the web console).")
    String realm() default "karaf";

    @AttributeDefinition(name = "Role", description = "The role a realm user needs to read /metrics.")
    String role() default "admin";
}
