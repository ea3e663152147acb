package ${package};

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
import dev.herald.http.VendorDetail;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Posts each notification's rendered body (templates/default.peb, a JSON document) to the configured
 * URL, with the token as a bearer credential when one is set. Herald's dispatcher retries what
 * {@link SinkHttp} classifies as retryable (429, 5xx, I/O) and dead-letters the rest.
 */
@Component(service = Sink.class, configurationPid = ${sinkClass}Sink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.JSON)
@Designate(ocd = ${sinkClass}Sink.Config.class, factory = true)
public final class ${sinkClass}Sink implements Sink {
    /** The factory PID: configurations are etc/dev.herald.sink.${sinkKind}-<alias>.cfg. */
    static final String PID = "dev.herald.sink.${sinkKind}";
    static final String KIND = "${sinkKind}";

    @ObjectClassDefinition(name = "Herald sink: ${sinkKind}",
            description = "Posts each notification's rendered template to an HTTP(S) URL.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "URL", description = "Where to post: an https:// URL (http:// only to a"
                + " loopback address), e.g. https://api.${sinkKind}.example/v1/alerts.")
        String url();

        @AttributeDefinition(name = "Token", type = AttributeType.PASSWORD, required = false,
                description = "Sent as 'Authorization: Bearer <token>'. Empty: no Authorization header.")
        String token() default "";

        @AttributeDefinition(name = "Rate (messages/s)", min = "0", description = "The most requests per second. 0: no limit.")
        double rate() default 1;

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's, for a server with a private CA.")
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

        String webconsole_configurationFactory_nameHint() default "${sinkClass} {name} → {url}";
    }

    private final URI url;
    private final Optional<String> authorization;
    private final SinkHttp http;

    @Activate
    public ${sinkClass}Sink(Config config, ServicePid pid, HttpConnection connection, @Reference HttpClients clients) {
        SinkSetup setup = SinkSetup.of(KIND, config.name(), config.rate());   // name required, rate >= 0
        this.url = setup.check(() -> HttpUrl.of("url", config.url()).example("https://api.${sinkKind}.example/v1/alerts")
                .httpsUnlessLoopback().parse());
        String token = Secrets.reveal(pid.service_pid(), "token", config.token());
        this.authorization = token.isBlank() ? Optional.empty() : Optional.of("Bearer " + token.trim());
        this.http = SinkHttp.create(setup, ${sinkClass}Sink.class, connection, clients);
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString(notification.body()))
                .header("Content-Type", "application/json");
        authorization.ifPresent(value -> request.header("Authorization", value));
        // VendorDetail.NONE keeps Herald's classification (4xx permanent; 429, 5xx, I/O retryable after
        // Retry-After). To explain the vendor's error codes, pass a VendorDetail that reads
        // failure.responseBody() and returns failure.toDeliveryException("what it means").
        http.send(request.build(), VendorDetail.NONE);
    }
}
