package ${package};

import dev.herald.api.Journal;
import dev.herald.api.secret.Secrets;
import dev.herald.api.secret.ServicePid;
import dev.herald.api.source.PollLoop;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpConnection;
import dev.herald.http.HttpSettings;
import dev.herald.http.HttpUrl;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Polls an HTTP feed of JSON records into Herald's journal (see ${sourceClass}Poller for the feed's
 * contract), on its own thread: at once, then every poll_interval, longer after a failure.
 */
@Component(service = {}, configurationPid = ${sourceClass}Source.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ${sourceClass}Source.Config.class, factory = true)
public final class ${sourceClass}Source {
    /** The factory PID: configurations are etc/dev.herald.source.${sourceKind}-<alias>.cfg. */
    static final String PID = "dev.herald.source.${sourceKind}";
    static final String KIND = "${sourceKind}";

    @ObjectClassDefinition(name = "Herald source: ${sourceKind}",
            description = "Polls an HTTP feed of JSON records into Herald's journal.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "The source instance's name: routes match it as"
                + " the event's instance, and the journal keeps its checkpoint under it.")
        String name();

        @AttributeDefinition(name = "URL", description = "The feed: an https:// URL (http:// only to a loopback"
                + " address), e.g. https://api.${sourceKind}.example/v1/events. Herald adds after=<id> and limit.")
        String url();

        @AttributeDefinition(name = "Token", type = AttributeType.PASSWORD, required = false,
                description = "Sent as 'Authorization: Bearer <token>'. Empty: no Authorization header.")
        String token() default "";

        @AttributeDefinition(name = "Poll interval (s)", min = "1", description = "How often to ask for new records.")
        int poll__interval() default 60;

        @AttributeDefinition(name = "Page size", min = "1", max = "10000",
                description = "The most records asked for in one request, and committed to the journal at once.")
        int page__size() default 500;

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's, for a server with a private CA.")
        String ca__bundle() default "";

        @AttributeDefinition(name = "Skip TLS verification", description = "Accept any certificate and host"
                + " name. Only for tests: the token can then be read by anyone in between. Prefer ca_bundle.")
        boolean insecure() default false;

        @AttributeDefinition(name = "Proxy", required = false, description = "host:port, or 'direct'. Empty:"
                + " Herald's default (dev.herald.http).")
        String proxy() default "";

        @AttributeDefinition(name = "Connect timeout (s)", min = "0",
                description = "0: Herald's default (dev.herald.http, 10 s).")
        int connect__timeout() default 0;

        @AttributeDefinition(name = "Read timeout (s)", min = "0",
                description = "The longest wait for a complete page. 0: Herald's default (dev.herald.http, 30 s).")
        int read__timeout() default 0;

        String webconsole_configurationFactory_nameHint() default "${sourceClass} {name} ← {url}";
    }

    private final PollLoop loop;

    @Activate
    public ${sourceClass}Source(Config config, ServicePid pid, HttpConnection connection, @Reference Journal journal,
            @Reference HttpClients clients) {
        String name = name(config.name());
        ${sourceClass}Poller.Feed feed;
        try {
            URI url = HttpUrl.of("url", config.url()).example("https://api.${sourceKind}.example/v1/events")
                    .httpsUnlessLoopback().parse();
            feed = new ${sourceClass}Poller.Feed(url, Secrets.reveal(pid.service_pid(), "token", config.token()),
                    range("page_size", config.page__size(), 1, 10_000), Duration.ofSeconds(
                            range("poll_interval", config.poll__interval(), 1, Integer.MAX_VALUE)));
            HttpSettings http = HttpSettings.builder("source " + KIND + "/" + name)
                    .userAgentOf(${sourceClass}Source.class).connection(connection).build();
            this.loop = new PollLoop("herald-source-" + KIND + "-" + name, KIND + " source '" + name + "'",
                    feed.pollInterval());
            ${sourceClass}Poller poller = new ${sourceClass}Poller(name, feed, clients.create(http), journal,
                    Clock.systemUTC(), loop::stopping);
            loop.start(poller::poll);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KIND + " source '" + name + "': " + e.getMessage(), e);
        }
    }

    @Deactivate
    void stop() {
        loop.stop();
    }

    private static String name(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(KIND + " source: name is required: the instance's name, e.g. name = prod");
        }
        return value.trim();
    }

    private static int range(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + " = " + value + " is out of range: use " + min + " to " + max);
        }
        return value;
    }
}
