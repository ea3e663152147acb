package dev.herald.http.internal;

import dev.herald.http.HttpClients;
import dev.herald.http.HttpSender;
import dev.herald.http.HttpSettings;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@link HttpClients} service, carrying Herald's HTTP defaults from the optional
 * {@code dev.herald.http} configuration. A configuration change re-registers it, so every
 * plugin holding it is re-activated with the new defaults.
 */
@Component(service = HttpClients.class, configurationPid = HttpClientsComponent.PID)
@Designate(ocd = HttpClientsComponent.Config.class)
public final class HttpClientsComponent implements HttpClients {
    static final String PID = "dev.herald.http";

    @ObjectClassDefinition(name = "Herald HTTP defaults",
            description = "Defaults for every Herald sink and source that talks HTTP (Slack, Teams, PagerDuty,"
                    + " webhooks, the Illumio PCE, ...). Each plugin may override them.")
    public @interface Config {
        @AttributeDefinition(name = "Proxy", required = false,
                description = "host:port of the HTTP(S) proxy, e.g. proxy.example.com:3128, or 'direct'."
                        + " Empty: the JVM's proxy settings (-Dhttps.proxyHost/-Dhttps.proxyPort/-Dhttp.nonProxyHosts).")
        String proxy() default "";

        @AttributeDefinition(name = "Connect timeout (s)", min = "1",
                description = "How long to wait for a TCP and TLS connection.")
        int connect__timeout() default 10;

        @AttributeDefinition(name = "Read timeout (s)", min = "1",
                description = "How long to wait for a complete response once connected.")
        int read__timeout() default 30;

        @AttributeDefinition(name = "CA bundle", required = false,
                description = "Path of a PEM file with one or more CA certificates trusted by every client, in"
                        + " addition to the JVM's (e.g. the CA of a TLS-inspecting proxy). Empty: none.")
        String ca__bundle() default "";
    }

    private final HttpClients clients;

    @Activate
    public HttpClientsComponent(Config config) {
        try {
            clients = HttpClients.withDefaults(HttpSettings.builder(PID)
                    .proxy(config.proxy())
                    .connectTimeout(Duration.ofSeconds(config.connect__timeout()))
                    .readTimeout(Duration.ofSeconds(config.read__timeout()))
                    .caBundle(config.ca__bundle())
                    .build());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HttpSender create(HttpSettings settings) {
        return clients.create(settings);
    }
}
