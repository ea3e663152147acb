package dev.herald.sink.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.secret.Secrets;
import dev.herald.api.secret.ServicePid;
import dev.herald.api.sink.Escaping;
import dev.herald.api.sink.SinkSetup;
import dev.herald.api.sink.TemplateEscape;
import dev.herald.api.text.Text;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpConnection;
import dev.herald.http.HttpUrl;
import dev.herald.http.SinkHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a Jira issue per notification, on Jira Cloud (REST v3, description in Atlassian Document
 * Format) or Data Center (REST v2, wiki markup). The template renders the issue's content the same
 * way for both (see {@link IssueContent}); the sink builds the deployment's body. Every issue
 * carries the label {@code herald-<16 hex of the idempotency key>}; with {@code dedupe} the sink
 * first searches for an open issue with that label and comments on it instead of opening a
 * second one, so a delivery retried after a lost answer does not duplicate the issue. With {@code
 * dedupe}, a template's {@code group_key} (what the issue is about, e.g. a finding id) replaces the
 * idempotency key in that label, so every event of the group comments on one open issue. Without
 * {@code dedupe} the operator asked for one issue per delivery and never a search, so group_key
 * is ignored (said once in the log) rather than turning the search back on.
 */
@Component(service = Sink.class, configurationPid = JiraSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.JSON)
@Designate(ocd = JiraSink.Config.class, factory = true)
public final class JiraSink implements Sink {
    static final String PID = "dev.herald.sink.jira";
    private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(JiraSink.class);

    @ObjectClassDefinition(name = "Herald sink: Jira",
            description = "Opens a Jira issue per notification (Jira Cloud or Data Center), or comments on the"
                    + " open issue an earlier delivery of the same event opened.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "Base URL", description = "The Jira site: https://<site>.atlassian.net for"
                + " Cloud, or the Data Center base URL with its context path, e.g. https://jira.example.com/jira.")
        String base__url();

        @AttributeDefinition(name = "Deployment", options = {
                @Option(label = "Jira Cloud (REST v3, Atlassian Document Format)", value = "cloud"),
                @Option(label = "Jira Data Center / Server (REST v2, wiki markup)", value = "datacenter")})
        String deployment() default "cloud";

        @AttributeDefinition(name = "Project key", description = "The key of the project issues go to, e.g. SEC.")
        String project();

        @AttributeDefinition(name = "Issue type", description = "The name of an issue type of the project.")
        String issue__type() default "Task";

        @AttributeDefinition(name = "Labels", required = false, description = "Labels on every issue, before"
                + " the template's, comma-separated. Spaces become _ (Jira labels cannot hold them).")
        String[] labels() default {};

        @AttributeDefinition(name = "Priorities", required = false, description = "Jira priority per Herald"
                + " severity, as severity=Priority pairs. A severity left out gets Jira's default priority;"
                + " empty: never set the priority (for a create screen without it).")
        String priorities() default PriorityMap.DEFAULT;

        @AttributeDefinition(name = "Comment instead of duplicating", description = "Search for an open issue"
                + " (status category not Done) with this delivery's herald-… label (the group's, when the"
                + " template sets group_key) and comment on it instead of opening another. Off: one issue per"
                + " delivery, group_key ignored.")
        boolean dedupe() default true;

        @AttributeDefinition(name = "Authentication", options = {
                @Option(label = "Basic: account email + API token (Cloud)", value = "basic"),
                @Option(label = "Bearer: personal access token (Data Center)", value = "bearer")})
        String auth() default "basic";

        @AttributeDefinition(name = "Username", required = false, description = "For auth = basic: the email"
                + " address of the Atlassian account that owns the API token.")
        String username() default "";

        @AttributeDefinition(name = "Token", type = AttributeType.PASSWORD, description = "The API token (auth ="
                + " basic) or personal access token (auth = bearer).")
        String token();

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's, for a Data Center with a private CA.")
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

        @AttributeDefinition(name = "Rate (issues/s)", min = "0", description = "The most notifications per"
                + " second (each is one or two requests). 0: no limit.")
        int rate() default 1;

        String webconsole_configurationFactory_nameHint() default "Jira {name} → {project}";
    }

    private final String name;
    private final AtomicBoolean groupIgnoredLogged = new AtomicBoolean();
    private final URI base;
    private final Deployment deployment;
    private final String project;
    private final boolean dedupe;
    private final String authorization;
    private final IssueRequests requests;
    private final SinkHttp http;

    @Activate
    public JiraSink(Config config, ServicePid pid, HttpConnection connection, @Reference HttpClients clients) {
        SinkSetup setup = SinkSetup.of("jira", config.name(), config.rate());
        this.name = setup.name();
        try {
            this.base = baseUrl(config.base__url());
            this.deployment = Deployment.of(config.deployment());
            this.project = projectKey(config.project());
            String issueType = config.issue__type() == null ? "" : config.issue__type().strip();
            if (issueType.isEmpty()) {
                throw new IllegalArgumentException("issue_type must name an issue type of project " + project
                        + ", e.g. Task or Bug");
            }
            this.dedupe = config.dedupe();
            this.authorization = Credentials.header(config.auth(), config.username(),
                    Secrets.reveal(pid.service_pid(), "token", config.token()));
            List<String> labels = Text.items(config.labels());
            this.requests = new IssueRequests(deployment, project, issueType, labels,
                    PriorityMap.parse(config.priorities()));
        } catch (IllegalArgumentException e) {
            throw setup.invalid(e);
        }
        this.http = SinkHttp.create(setup, JiraSink.class, connection, clients);
        if (base.getScheme().equals("http")) {
            LOG.warn("jira sink '{}' sends its token to {} over plain http: anyone on the network path can read"
                    + " it; use https", name, base.getHost());
        }
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        IssueContent content = IssueContent.parse(notification.body());
        String label = label(content, notification);
        Optional<String> open = dedupe ? findOpenIssue(label) : Optional.empty();
        if (open.isPresent()) {
            String key = open.get();
            post(deployment.apiPath() + "/issue/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/comment",
                    requests.comment(content, notification), "commenting on " + key);
        } else {
            post(deployment.apiPath() + "/issue", requests.create(content, notification, label),
                    "creating an issue in " + project);
        }
    }

    /** The group's label when the template sets group_key and dedupe can use it, else the delivery's. */
    private String label(IssueContent content, Notification notification) {
        if (content.grouped()) {
            if (dedupe) {
                return IssueRequests.groupLabel(content.groupKey());
            }
            if (groupIgnoredLogged.compareAndSet(false, true)) {
                LOG.info("jira sink '{}': the template sets group_key but dedupe is false, so every delivery opens"
                        + " its own issue; set dedupe = true to comment on the group's open issue instead", name);
            }
        }
        return IssueRequests.deliveryLabel(notification.idempotencyKey());
    }

    private Optional<String> findOpenIssue(String label) throws DeliveryException {
        HttpResponse<String> answer = post(deployment.searchPath(), requests.search(label),
                "searching " + project + " for an open issue labelled " + label);
        try {
            return IssueRequests.firstIssueKey(JSON.readTree(answer.body()));
        } catch (IOException e) {
            throw DeliveryException.retryable("Jira answered the search with something other than JSON ("
                    + e.getMessage() + "): is base_url the Jira site, not a login page or proxy?");
        }
    }

    private HttpResponse<String> post(String path, JsonNode body, String doing) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(IssueRequests.bytes(body)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .build();
        return http.send(request, failure -> JiraRejection.classify(failure, doing, project));
    }


    private static String projectKey(String value) {
        String key = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("project is required: the key of the Jira project, e.g. SEC");
        }
        if (!PROJECT_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("project '" + value + "' is not a Jira project key: letters, digits"
                    + " and _, starting with a letter, e.g. SEC (the key, not the project's name)");
        }
        return key;
    }

    private static URI baseUrl(String value) {
        URI uri = HttpUrl.of("base_url", value).example("https://example.atlassian.net").baseOnly()
                .whenMissing("https://<site>.atlassian.net, or the Data Center base URL, e.g."
                        + " https://jira.example.com/jira")
                .credentialsIn("set username and token").parse();
        String v = uri.toString();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (path.contains("/rest/")) {
            throw new IllegalArgumentException("base_url '" + v + "' must be the site's base URL: Herald appends"
                    + " /rest/api/…; write e.g. https://example.atlassian.net");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
