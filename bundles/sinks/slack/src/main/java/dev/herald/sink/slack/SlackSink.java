package dev.herald.sink.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.secret.Secrets;
import dev.herald.api.secret.ServicePid;
import dev.herald.api.sink.Escaping;
import dev.herald.api.sink.SinkSetup;
import dev.herald.api.sink.TemplateEscape;
import dev.herald.api.sink.TemplateOutput;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpConnection;
import dev.herald.http.HttpFailure;
import dev.herald.http.HttpUrl;
import dev.herald.http.RetryAfter;
import dev.herald.http.SinkHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Posts each notification to Slack. The rendered template is the JSON message (Block Kit
 * {@code blocks} plus a {@code text} fallback). With a bot token the sink calls the Web API's
 * {@code chat.postMessage}, setting {@code channel} from the configuration; with an incoming
 * webhook it posts the message to the webhook URL, which is itself the secret. Slack's error
 * answers become permanent or retryable failures whose reasons say what to fix.
 *
 * <p>Slack keeps no idempotency key: a request that timed out after Slack accepted it is retried
 * and shows twice in the channel.
 */
@Component(service = Sink.class, configurationPid = SlackSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.JSON)
@Designate(ocd = SlackSink.Config.class, factory = true)
public final class SlackSink implements Sink {
    static final String PID = "dev.herald.sink.slack";
    /**
     * Slack allows about one message per second per channel. As the default of {@link
     * Config#rate()} it is a component property, so the dispatcher paces an unconfigured rate too.
     */
    static final int DEFAULT_RATE = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TemplateOutput OUTPUT = new TemplateOutput("slack", "a Slack message"
            + " {\"text\": …, \"blocks\": […]}");
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    @ObjectClassDefinition(name = "Herald sink: Slack",
            description = "Posts each notification to a Slack channel, with a bot token (Web API chat.postMessage)"
                    + " or an incoming webhook. The rendered template is the JSON message: Block Kit blocks and a"
                    + " text fallback.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "Mode", required = false, description = "Empty: inferred, a token means"
                + " the Web API and a webhook_url an incoming webhook. When set, the other mode's settings are"
                + " ignored.", options = {@Option(label = "Inferred", value = ""),
                @Option(label = "Web API (bot token and channel)", value = "api"),
                @Option(label = "Incoming webhook", value = "webhook")})
        String mode() default "";

        @AttributeDefinition(name = "Bot token", type = AttributeType.PASSWORD, required = false,
                description = "The app's Bot User OAuth Token (xoxb-…), with the chat:write scope.")
        String token() default "";

        @AttributeDefinition(name = "Channel", required = false, description = "Where the Web API posts: a"
                + " channel ID (C0123456789) or name (#secops). The bot must be a member (/invite @yourbot).")
        String channel() default "";

        @AttributeDefinition(name = "Webhook URL", type = AttributeType.PASSWORD, required = false,
                description = "An incoming webhook, https://hooks.slack.com/services/T…/B…/…. The URL is the"
                        + " credential: Herald never logs or shows it.")
        String webhook__url() default "";

        @AttributeDefinition(name = "Web API URL", description = "The Web API base URL; change it only for an"
                + " Enterprise Grid proxy or a test server.")
        String api__url() default "https://slack.com/api";

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

        @AttributeDefinition(name = "Rate (messages/s)", min = "0", description = "The most messages per second."
                + " Slack allows about one per second per channel. 0: no limit.")
        int rate() default DEFAULT_RATE;

        String webconsole_configurationFactory_nameHint() default "Slack {name} → {channel}";
    }

    private final Mode mode;
    private final URI endpoint;
    private final String authorization;
    private final String channel;
    private final SinkHttp http;

    @Activate
    public SlackSink(Config config, ServicePid pid, HttpConnection connection, @Reference HttpClients clients) {
        SinkSetup setup = SinkSetup.of("slack", config.name(), config.rate());
        try {
            boolean hasToken = !blank(config.token());
            boolean hasWebhookUrl = !blank(config.webhook__url());
            this.mode = Mode.of(config.mode(), hasToken, hasWebhookUrl);
            if (mode == Mode.API) {
                this.authorization = "Bearer " + token(Secrets.reveal(pid.service_pid(), "token", config.token()));
                this.channel = channel(config.channel());
                this.endpoint = apiUrl(config.api__url()).resolve("chat.postMessage");
            } else {
                if (config.mode().isBlank() && !blank(config.channel())) {
                    throw new IllegalArgumentException("channel is set but an incoming webhook always posts to the"
                            + " channel chosen when it was created: remove channel, or use a bot token (token)");
                }
                this.authorization = null;
                this.channel = null;
                this.endpoint = webhookUrl(Secrets.reveal(pid.service_pid(), "webhook_url", config.webhook__url()));
            }
        } catch (IllegalArgumentException e) {
            throw setup.invalid(e);
        }
        this.http = SinkHttp.create(setup, SlackSink.class, connection, clients,
                settings -> settings.redactUrlPath(mode == Mode.WEBHOOK));
        if (endpoint.getScheme().equalsIgnoreCase("http")) {
            LoggerFactory.getLogger(SlackSink.class).warn("slack sink '{}' sends its {} to {} over plain http:"
                    + " anyone on the network path can read it; use https", setup.name(),
                    mode == Mode.API ? "token" : "webhook URL", endpoint.getHost());
        }
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        if (mode == Mode.API) {
            postMessage(notification.body());
        } else {
            postToWebhook(notification.body());
        }
    }

    private void postMessage(String body) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(withChannel(body)))
                .header("Content-Type", JSON_UTF8)
                .header("Authorization", authorization)
                .build();
        HttpResponse<String> response = http.send(request, failure -> explained(failure, "Slack chat.postMessage",
                slackError(failure.responseBody()).map(error -> ApiErrors.hint(error, null, channel)).orElse("")));
        JsonNode answer = parse(response.body());
        if (!answer.path("ok").asBoolean(false)) {
            String error = answer.path("error").asText("");
            if (error.isEmpty()) {
                throw DeliveryException.permanent("Slack chat.postMessage: the answer from " + endpoint.getHost()
                        + " is not Slack's ({\"ok\":…} expected): check api_url");
            }
            throw ApiErrors.verdict(error, answer.path("needed").asText(null), channel,
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null)));
        }
    }

    private void postToWebhook(String body) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", JSON_UTF8)
                .build();
        http.send(request, failure -> explained(failure, "Slack webhook",
                WebhookErrors.hint(failure.responseBody().trim().toLowerCase(Locale.ROOT))));
    }

    /** The rendered message with {@code channel} set to the configured one. */
    private String withChannel(String body) throws DeliveryException {
        ObjectNode object = OUTPUT.object(body);
        object.put("channel", channel);
        return object.toString();
    }

    /** Slack's answer, parsed; a non-JSON 2xx answer means api_url does not point at Slack. */
    private JsonNode parse(String answer) throws DeliveryException {
        try {
            return JSON.readTree(answer == null ? "" : answer);
        } catch (JsonProcessingException e) {
            throw DeliveryException.permanent("Slack chat.postMessage: the answer from " + endpoint.getHost()
                    + " is not JSON: check api_url");
        }
    }

    /** The {@code error} of a JSON error body, if it is one. */
    private static Optional<String> slackError(String body) {
        try {
            return Optional.of(JSON.readTree(body).path("error").asText("")).filter(e -> !e.isEmpty());
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    /** The HTTP layer's verdict, its reason led by what Slack's error means when we know it. */
    private static DeliveryException explained(HttpFailure failure, String what, String hint) {
        if (hint.isEmpty()) {
            return failure.toDeliveryException();
        }
        return failure.toDeliveryException(what + ": " + hint + " (" + failure.getMessage() + ")");
    }

    private static String token(String value) {
        if (blank(value)) {
            throw new IllegalArgumentException("token is required with mode = api: the app's Bot User OAuth Token"
                    + " (xoxb-…)");
        }
        String t = value.trim();
        if (t.regionMatches(true, 0, "http", 0, 4)) {
            throw new IllegalArgumentException("token looks like a URL: an incoming webhook URL belongs in"
                    + " webhook_url");
        }
        if (!t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("token holds spaces, control or non-ASCII characters: paste the"
                    + " Bot User OAuth Token (xoxb-…) again");
        }
        return t;
    }

    private static String channel(String value) {
        if (blank(value)) {
            throw new IllegalArgumentException("channel is required with a bot token: a channel ID"
                    + " (C0123456789) or name (#secops)");
        }
        String c = value.trim();
        if (!c.chars().allMatch(ch -> ch > 0x20 && ch != 0x7f)) {
            throw new IllegalArgumentException("channel '" + c + "' holds spaces or control characters: write a"
                    + " channel ID (C0123456789) or name (#secops)");
        }
        return c;
    }

    /** The base URL, ending with a slash so that method names resolve under it. */
    private static URI apiUrl(String value) {
        URI uri = HttpUrl.of("api_url", value).example("https://slack.com/api").baseOnly()
                .whenMissing("https://slack.com/api, or your proxy's equivalent").parse();
        return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
    }

    /** Validates the webhook URL without ever quoting it: it is the credential. */
    private static URI webhookUrl(String value) {
        return HttpUrl.of("webhook_url", value).secret()
                .whenMissing("the incoming webhook's URL, with mode = webhook").parse();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
