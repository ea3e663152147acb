package dev.herald.sink.pagerduty;

import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.secret.Secrets;
import dev.herald.api.secret.ServicePid;
import dev.herald.api.sink.Escaping;
import dev.herald.api.sink.SinkSetup;
import dev.herald.api.sink.TemplateEscape;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpConnection;
import dev.herald.http.HttpUrl;
import dev.herald.http.SinkHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Triggers, acknowledges and resolves PagerDuty alerts through the Events API v2 ({@code POST
 * /v2/enqueue}). The rendered template is the event without {@code routing_key}; the sink adds
 * the configured key, checks the fields PagerDuty requires and fills the dedup key (see {@link
 * PagerDutyEvent}). The default templates key alerts by their subject (a finding, a PCE event, a
 * CloudTrail record), so a later resolve closes the alert an earlier trigger opened.
 */
@Component(service = Sink.class, configurationPid = PagerDutySink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.JSON)
@Designate(ocd = PagerDutySink.Config.class, factory = true)
public final class PagerDutySink implements Sink {
    static final String PID = "dev.herald.sink.pagerduty";
    static final String ENQUEUE_PATH = "/v2/enqueue";
    /** PagerDuty allows about 120 events a minute per integration key; wait out half of that window. */
    static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(30);

    @ObjectClassDefinition(name = "Herald sink: PagerDuty",
            description = "Sends each notification to a PagerDuty service as an Events API v2 event (trigger,"
                    + " acknowledge or resolve, as the template says).")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "Routing key", type = AttributeType.PASSWORD, description = "The 32-character"
                + " integration key of an 'Events API v2' integration on the PagerDuty service (or of an event"
                + " orchestration).")
        String routing__key();

        @AttributeDefinition(name = "API URL", description = "The Events API base URL: https://events.pagerduty.com,"
                + " or https://events.eu.pagerduty.com for an EU account. /v2/enqueue is appended.")
        String api__url() default "https://events.pagerduty.com";

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's, e.g. a TLS-inspecting proxy's.")
        String ca__bundle() default "";

        @AttributeDefinition(name = "Skip TLS verification", description = "Accept any certificate and host"
                + " name. Only for tests: the traffic can be read and changed. Prefer ca_bundle.")
        boolean insecure() default false;

        @AttributeDefinition(name = "Proxy", required = false, description = "host:port, or 'direct'. Empty:"
                + " Herald's default (dev.herald.http).")
        String proxy() default "";

        @AttributeDefinition(name = "Connect timeout (s)", min = "0",
                description = "0: Herald's default (dev.herald.http, 10 s).")
        int connect__timeout() default 0;

        @AttributeDefinition(name = "Read timeout (s)", min = "0",
                description = "The longest wait for the complete response. 0: Herald's default (dev.herald.http, 30 s).")
        int read__timeout() default 0;

        @AttributeDefinition(name = "Rate (events/s)", min = "0", description = "The most events per second."
                + " PagerDuty accepts about 120 a minute per routing key. 0: no limit.")
        int rate() default 2;

        String webconsole_configurationFactory_nameHint() default "PagerDuty {name}";
    }

    private final String routingKey;
    private final URI endpoint;
    private final SinkHttp http;

    @Activate
    public PagerDutySink(Config config, ServicePid pid, HttpConnection connection, @Reference HttpClients clients) {
        SinkSetup setup = SinkSetup.of("pagerduty", config.name(), config.rate());
        this.routingKey = setup.check(() -> routingKey(Secrets.reveal(pid.service_pid(), "routing_key",
                config.routing__key())));
        this.endpoint = setup.check(() -> endpoint(config.api__url()));
        this.http = SinkHttp.create(setup, PagerDutySink.class, connection, clients);
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        byte[] body = PagerDutyEvent.toRequest(notification, routingKey);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .build();
        http.send(request, failure -> PagerDutyRejection.classify(failure, routingKey));
    }

    private static String routingKey(String value) {
        String key = value == null ? "" : value.trim();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("routing_key is required: the integration key of the PagerDuty"
                    + " service's 'Events API v2' integration");
        }
        // the key itself is a secret: say what is wrong with it, never echo it
        if (key.length() != 32 || !key.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException("routing_key must be the 32 letters and digits of an Events API v2"
                    + " integration key; the value given has " + key.length() + " characters"
                    + (key.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c)) ? "" : ", not all"
                    + " letters or digits") + " (an Events API v1 or REST API key does not work)");
        }
        return key;
    }

    private static URI endpoint(String value) {
        URI uri = HttpUrl.of("api_url", value).example("https://events.pagerduty.com").baseOnly()
                .whenMissing("https://events.pagerduty.com, or https://events.eu.pagerduty.com for an EU account")
                .parse();
        String v = uri.toString();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (path.endsWith(ENQUEUE_PATH)) {
            throw new IllegalArgumentException("api_url '" + v + "' must be the base URL: Herald appends "
                    + ENQUEUE_PATH + "; write e.g. https://events.pagerduty.com");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path + ENQUEUE_PATH);
    }
}
