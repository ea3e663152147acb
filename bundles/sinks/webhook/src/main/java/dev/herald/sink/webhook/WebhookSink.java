package dev.herald.sink.webhook;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.LoggerFactory;

/**
 * Sends each notification's rendered body to an HTTP(S) endpoint: a SIEM's HTTP collector, an
 * automation platform, anything that takes a POST. Every request carries {@code Idempotency-Key}
 * (stable across retries, so the receiver can drop duplicates), {@code User-Agent:
 * Herald/<version>}, the configured headers and credentials, and optionally an HMAC signature of
 * the body.
 */
@Component(service = Sink.class, configurationPid = WebhookSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.JSON)
@Designate(ocd = WebhookSink.Config.class, factory = true)
public final class WebhookSink implements Sink {
    static final String PID = "dev.herald.sink.webhook";

    @ObjectClassDefinition(name = "Herald sink: webhook",
            description = "Sends each notification as an HTTP(S) request whose body is the rendered template"
                    + " (by default a JSON document with the route, the severity, the event and the raw record).")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "URL", description = "Where to send: an http:// or https:// URL, e.g."
                + " https://siem.example.com/api/herald. Credentials do not belong in it: use auth.")
        String url();

        @AttributeDefinition(name = "Method", options = {@Option(label = "POST", value = "POST"),
                @Option(label = "PUT", value = "PUT")})
        String method() default "POST";

        @AttributeDefinition(name = "Content type", description = "The Content-Type header; the body is UTF-8."
                + " Change it together with the template (and herald.template.escape).")
        String content__type() default "application/json";

        @AttributeDefinition(name = "Extra headers", required = false, description = "Headers sent with every"
                + " request, each as 'Name: value'. In a .cfg file, separate several with \\n.")
        String[] headers() default {};

        @AttributeDefinition(name = "Authentication", options = {@Option(label = "None", value = "none"),
                @Option(label = "Bearer token (Authorization: Bearer <token>)", value = "bearer"),
                @Option(label = "Basic (username and password)", value = "basic")})
        String auth() default "none";

        @AttributeDefinition(name = "Token", type = AttributeType.PASSWORD, required = false,
                description = "The bearer token, for auth = bearer.")
        String token() default "";

        @AttributeDefinition(name = "Username", required = false, description = "For auth = basic.")
        String username() default "";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
                description = "For auth = basic.")
        String password() default "";

        @AttributeDefinition(name = "HMAC secret", type = AttributeType.PASSWORD, required = false,
                description = "When set, every request carries the header named by hmac_header with the value"
                        + " 'sha256=' + the lower-case hex HMAC-SHA256 of the exact body bytes, keyed with this"
                        + " secret (UTF-8). It is GitHub's X-Hub-Signature-256 scheme, so existing verifiers"
                        + " work. The signature covers the body only: no timestamp is signed; the default body"
                        + " carries the idempotencyKey, so a replayed request is a duplicate the receiver drops.")
        String hmac__secret() default "";

        @AttributeDefinition(name = "HMAC header", description = "The header carrying the signature.")
        String hmac__header() default "X-Herald-Signature";

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

        @AttributeDefinition(name = "Rate (messages/s)", min = "0", description = "The most requests per second. 0: no limit.")
        int rate() default 0;

        String webconsole_configurationFactory_nameHint() default "Webhook {name} → {url}";
    }

    private final URI url;
    private final String method;
    private final String contentType;
    private final List<HeaderLine> headers;
    private final Optional<String> authorization;
    private final Optional<BodySignature> signature;
    private final SinkHttp http;

    @Activate
    public WebhookSink(Config config, ServicePid pid, HttpConnection connection, @Reference HttpClients clients) {
        SinkSetup setup = SinkSetup.of("webhook", config.name(), config.rate());
        try {
            this.url = HttpUrl.of("url", config.url()).example("https://siem.example.com/api/herald")
                    .whenMissing("the http:// or https:// address to send to, e.g. https://siem.example.com/api/herald")
                    .credentialsIn("use auth = basic with username and password").parse();
            this.method = method(config.method());
            this.contentType = contentType(config.content__type());
            this.authorization = Authorization.header(config.auth(), Secrets.reveal(pid.service_pid(), "token", config.token()),
                    config.username(), Secrets.reveal(pid.service_pid(), "password", config.password()));
            this.signature = BodySignature.of(Secrets.reveal(pid.service_pid(), "hmac_secret", config.hmac__secret()),
                    config.hmac__header());
            this.headers = HeaderLine.parseAll(config.headers(),
                    reserved(authorization.isPresent(), signature.map(BodySignature::header)));
        } catch (IllegalArgumentException e) {
            throw setup.invalid(e);
        }
        this.http = SinkHttp.create(setup, WebhookSink.class, connection, clients);
        if (url.getScheme().equalsIgnoreCase("http") && (authorization.isPresent() || signature.isPresent())) {
            LoggerFactory.getLogger(WebhookSink.class).warn("webhook sink '{}' sends credentials to {} over plain"
                    + " http: anyone on the network path can read them; use https", setup.name(), url.getHost());
        }
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        if (!HeaderLine.isValidValue(notification.idempotencyKey())) {
            throw DeliveryException.permanent("the idempotency key '" + notification.idempotencyKey()
                    + "' cannot be sent as a header: it holds control or non-Latin-1 characters");
        }
        byte[] body = notification.body().getBytes(StandardCharsets.UTF_8);
        http.send(request(body, notification.idempotencyKey()));
    }

    private HttpRequest request(byte[] body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType)
                .header("Idempotency-Key", idempotencyKey);
        headers.forEach(h -> request.header(h.name(), h.value()));
        authorization.ifPresent(value -> request.header("Authorization", value));
        signature.ifPresent(s -> request.header(s.header(), s.sign(body)));
        return request.build();
    }

    private static String contentType(String value) {
        String type = required(value, "content_type", "e.g. application/json");
        if (!HeaderLine.isValidValue(type)) {
            throw new IllegalArgumentException("content_type '" + type + "' holds control or non-Latin-1 characters");
        }
        return type;
    }

    private static String method(String value) {
        String m = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (!m.equals("POST") && !m.equals("PUT")) {
            throw new IllegalArgumentException("method '" + value + "' is not supported: use POST or PUT");
        }
        return m;
    }

    /** Headers Herald sets itself, which the headers setting must not repeat. */
    private static List<String> reserved(boolean hasAuthorization, Optional<String> signatureHeader) {
        List<String> names = new ArrayList<>(List.of("Content-Type", "Idempotency-Key", "User-Agent"));
        if (hasAuthorization) {
            names.add("Authorization");
        }
        signatureHeader.ifPresent(names::add);
        return names;
    }

    private static String required(String value, String property, String help) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is required: " + help);
        }
        return value.trim();
    }
}
