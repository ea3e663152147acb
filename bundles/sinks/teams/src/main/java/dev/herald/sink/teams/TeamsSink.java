package dev.herald.sink.teams;

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
import dev.herald.http.HttpFailure;
import dev.herald.http.HttpUrl;
import dev.herald.http.SinkHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/**
 * Posts each notification to a Microsoft Teams channel or chat: to a Workflows (Power Automate)
 * webhook as a message carrying an Adaptive Card (the bundle's default templates), or to a legacy
 * Office 365 connector as a MessageCard (the templates under {@code templates/messagecard/},
 * selected by a template override). The webhook URL is the credential: it never appears in
 * reasons or logs.
 */
@Component(service = Sink.class, configurationPid = TeamsSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.JSON)
@Designate(ocd = TeamsSink.Config.class, factory = true)
public final class TeamsSink implements Sink {
    static final String PID = "dev.herald.sink.teams";

    /** Longest part of a Teams error text quoted in a reason. */
    private static final int REASON_TEXT_LIMIT = 500;

    @ObjectClassDefinition(name = "Herald sink: Microsoft Teams",
            description = "Posts each notification to a Teams channel or chat through a Workflows webhook (an"
                    + " Adaptive Card) or a legacy Office 365 connector (a MessageCard).")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "Webhook URL", type = AttributeType.PASSWORD, description = "The URL Teams"
                + " gave: a Workflows 'When a Teams webhook request is received' trigger URL (it carries a"
                + " signature, sig=...), or a legacy connector URL (https://<tenant>.webhook.office.com/...)."
                + " Anyone holding it can post to the channel.")
        String webhook__url();

        @AttributeDefinition(name = "Format", description = "The payload the webhook expects. The default"
                + " templates render Adaptive Cards; for messagecard, point the route's templates at the"
                + " MessageCard templates (see the sample configuration).",
                options = {@Option(label = "Adaptive Card (Workflows webhook)", value = "adaptive"),
                        @Option(label = "MessageCard (legacy Office 365 connector)", value = "messagecard")})
        String format() default "adaptive";

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's, e.g. a TLS-inspecting proxy's CA.")
        String ca__bundle() default "";

        @AttributeDefinition(name = "Proxy", required = false, description = "host:port, or 'direct'. Empty:"
                + " Herald's default (dev.herald.http).")
        String proxy() default "";

        @AttributeDefinition(name = "Connect timeout (s)", min = "0",
                description = "0: Herald's default (dev.herald.http, 10 s).")
        int connect__timeout() default 0;

        @AttributeDefinition(name = "Read timeout (s)", min = "0",
                description = "The longest wait for the complete response. 0: Herald's default (dev.herald.http, 30 s).")
        int read__timeout() default 0;

        @AttributeDefinition(name = "Rate (messages/s)", min = "0", description = "The most posts per second."
                + " Teams throttles webhooks hard (a few messages per second per channel at most); 0: no limit.")
        int rate() default 1;

        String webconsole_configurationFactory_nameHint() default "Teams {name} ({format})";
    }

    private final URI url;
    private final CardFormat format;
    private final SinkHttp http;

    @Activate
    public TeamsSink(Config config, ServicePid pid, HttpConnection connection, @Reference HttpClients clients) {
        SinkSetup setup = SinkSetup.of("teams", config.name(), config.rate());
        this.url = setup.check(() -> HttpUrl.of("webhook_url", Secrets.reveal(pid.service_pid(), "webhook_url",
                        config.webhook__url())).secret().httpsUnlessLoopback()
                .whenMissing("the URL of the Teams workflow's 'When a Teams webhook request is received' trigger (or of"
                        + " a legacy connector)").parse());
        this.format = setup.check(() -> CardFormat.of(config.format()));
        // Teams offers no insecure setting: a stray insecure=true must not disable TLS checks;
        // a legacy connector URL has its secret in the path, a Workflows URL in sig=
        this.http = SinkHttp.create(setup, TeamsSink.class, connection, clients,
                settings -> settings.insecure(false).redactUrlPath(true));
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        Optional<String> problem = format.problem(notification.body());
        if (problem.isPresent()) {
            throw DeliveryException.permanent("not sent to Teams: " + problem.get());
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString(notification.body(), StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = http.send(request, TeamsSink::classify);
        Optional<String> rejection = TeamsReply.rejection(response.body());
        if (rejection.isPresent()) {
            throw DeliveryException.permanent("Teams accepted the request (HTTP " + response.statusCode()
                    + ") but did not deliver the card: " + shorten(rejection.get()) + "; check the template");
        }
    }

    /** The HTTP layer's verdict, with what an operator should do about the answers Teams gives. */
    private static DeliveryException classify(HttpFailure failure) {
        int status = failure.status().orElse(0);
        if (status == 400) {
            return failure.toDeliveryException(failure.getMessage() + " (Teams rejected the card: check the"
                    + " template, and the format setting against the kind of webhook)");
        }
        if (status == 401 || status == 403 || status == 404) {
            return failure.toDeliveryException(failure.getMessage() + " (the webhook URL no longer works: the"
                    + " workflow or connector was deleted, turned off or its URL regenerated; create a new Teams"
                    + " workflow (or connector) and put its URL in webhook_url)");
        }
        return failure.toDeliveryException();
    }

    private static String shorten(String text) {
        String oneLine = TeamsReply.redactSignature(text).replaceAll("\\s+", " ").trim();
        return oneLine.length() <= REASON_TEXT_LIMIT ? oneLine : oneLine.substring(0, REASON_TEXT_LIMIT) + "…";
    }
}
