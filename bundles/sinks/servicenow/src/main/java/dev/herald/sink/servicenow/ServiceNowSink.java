package dev.herald.sink.servicenow;

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
import dev.herald.http.HttpClients;
import dev.herald.http.HttpConnection;
import dev.herald.http.HttpFailure;
import dev.herald.http.SinkHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
 * Opens and updates ServiceNow incidents through the Table API. The rendered template is a JSON
 * object of incident fields; the sink sets {@code correlation_id} from the template's optional
 * {@code group_key}, else from the notification's idempotency key (see {@link IncidentFields}),
 * looks the incident up by it, and {@code PATCH}es the one it finds or {@code POST}s a new one: a
 * retry after a lost answer, a repeat of the same event, or another event of the same group
 * updates the incident instead of opening a duplicate.
 */
@Component(service = Sink.class, configurationPid = ServiceNowSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.JSON)
@Designate(ocd = ServiceNowSink.Config.class, factory = true)
public final class ServiceNowSink implements Sink {
    static final String PID = "dev.herald.sink.servicenow";
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern SYS_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String RETURNED_FIELDS = "sysparm_fields=sys_id,number";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ServiceNowSink.class);

    @ObjectClassDefinition(name = "Herald sink: ServiceNow",
            description = "Opens a ServiceNow incident per notification through the Table API, and updates it"
                    + " (found by correlation_id) when the same event, or another of the template's group_key, is"
                    + " delivered again.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "Instance", description = "The instance name (acme for"
                + " https://acme.service-now.com), its host name (acme.servicenowservices.com) or its URL"
                + " (https://snow.example.com:8443).")
        String instance();

        @AttributeDefinition(name = "Authentication", options = {
                @Option(label = "Basic (ServiceNow username and password)", value = "basic"),
                @Option(label = "OAuth bearer token", value = "bearer")})
        String auth() default "basic";

        @AttributeDefinition(name = "Username", required = false, description = "For auth = basic: a user with"
                + " the itil role (or the roles the table's ACLs require).")
        String username() default "";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
                description = "For auth = basic.")
        String password() default "";

        @AttributeDefinition(name = "Token", type = AttributeType.PASSWORD, required = false,
                description = "For auth = bearer: an OAuth access token issued by the instance.")
        String token() default "";

        @AttributeDefinition(name = "Table", description = "The table incidents go to: incident, or a table"
                + " extending task with correlation_id, e.g. sn_si_incident (Security Incident Response).")
        String table() default "incident";

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's, for an on-premises instance or a TLS-inspecting proxy.")
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
                description = "The longest wait for each complete response. 0: Herald's default (dev.herald.http, 30 s).")
        int read__timeout() default 0;

        @AttributeDefinition(name = "Rate (incidents/s)", min = "0", description = "The most notifications per"
                + " second (each is a lookup plus a create or an update). 0: no limit.")
        int rate() default 2;

        String webconsole_configurationFactory_nameHint() default "ServiceNow {name} → {instance}";
    }

    private final String name;
    private final String table;
    private final URI tableUrl;
    private final Credentials credentials;
    private final SinkHttp http;

    @Activate
    public ServiceNowSink(Config config, ServicePid pid, HttpConnection connection, @Reference HttpClients clients) {
        SinkSetup setup = SinkSetup.of("servicenow", config.name(), config.rate());
        this.name = setup.name();
        try {
            URI base = InstanceUrl.parse(config.instance());
            this.table = table(config.table());
            this.tableUrl = URI.create(base + "/api/now/table/" + table);
            this.credentials = Credentials.of(config.auth(), config.username(),
                    Secrets.reveal(pid.service_pid(), "password", config.password()),
                    Secrets.reveal(pid.service_pid(), "token", config.token()));
            if (base.getScheme().equals("http")) {
                LOG.warn("servicenow sink '{}' sends credentials to {} over plain http: anyone on the network path"
                        + " can read them; use https", name, base.getHost());
            }
        } catch (IllegalArgumentException e) {
            throw setup.invalid(e);
        }
        this.http = SinkHttp.create(setup, ServiceNowSink.class, connection, clients);
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        IncidentFields.Request request = IncidentFields.toRequest(notification);
        byte[] fields = request.body();
        Optional<String> existing = find(request.correlationId());
        if (existing.isPresent()) {
            try {
                JsonNode updated = call("updating incident " + existing.get(), "PATCH",
                        URI.create(tableUrl + "/" + existing.get() + "?" + RETURNED_FIELDS), fields);
                LOG.debug("servicenow sink '{}' updated {}", name, updated.path("number").asText(existing.get()));
                return;
            } catch (Gone deleted) {
                // deleted since the lookup: open a new one rather than lose the notification
            }
        }
        try {
            JsonNode created = call("creating an incident", "POST", URI.create(tableUrl + "?" + RETURNED_FIELDS), fields);
            LOG.debug("servicenow sink '{}' created {}", name, created.path("number").asText("?"));
        } catch (Gone tableMissing) {
            throw tableMissing.verdict;
        }
    }

    /** The sys_id of the record this notification opened earlier, if any. */
    private Optional<String> find(String correlationId) throws DeliveryException {
        String query = "sysparm_query=" + URLEncoder.encode("correlation_id=" + correlationId, StandardCharsets.UTF_8)
                + "&" + RETURNED_FIELDS + "&sysparm_limit=1";
        JsonNode result;
        try {
            result = call("looking up the incident by correlation_id", "GET", URI.create(tableUrl + "?" + query), null);
        } catch (Gone tableMissing) {
            throw tableMissing.verdict;
        }
        if (!result.isArray()) {
            throw DeliveryException.permanent("ServiceNow answered the correlation_id lookup on " + table + " without"
                    + " a result list: check that instance points at the Table API of a ServiceNow instance");
        }
        if (result.isEmpty()) {
            return Optional.empty();
        }
        String sysId = result.get(0).path("sys_id").asText("");
        if (!SYS_ID.matcher(sysId).matches()) {
            throw DeliveryException.permanent("ServiceNow returned a record without a valid sys_id for correlation_id "
                    + correlationId + ": the user may lack read access to sys_id on " + table);
        }
        return Optional.of(sysId);
    }

    /**
     * Sends one Table API request and returns its {@code result}.
     *
     * @throws Gone on 404, which the caller turns into "create instead" or its verdict
     */
    private JsonNode call(String doing, String method, URI uri, byte[] body) throws DeliveryException, Gone {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/json")
                .header("Authorization", credentials.header());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.exchange(request.build());
        } catch (HttpFailure failure) {
            DeliveryException verdict = ServiceNowRejection.classify(failure, doing, table, credentials);
            if (failure.status().orElse(0) == 404) {
                throw new Gone(verdict);
            }
            throw verdict;
        }
        try {
            JsonNode result = JSON.readTree(response.body()).path("result");
            if (!result.isMissingNode()) {
                return result;
            }
        } catch (IOException notJson) {
            // below: HTML where JSON was expected
        }
        // a hibernating developer instance or a login portal answers 200 with an HTML page
        throw DeliveryException.retryable("ServiceNow answered " + doing + " with HTTP " + response.statusCode()
                + " but no Table API result (an HTML page?): a hibernating developer instance wakes up when"
                + " someone logs in; otherwise check instance");
    }

    /** A 404: the table (or the record being updated) does not exist. */
    private static final class Gone extends Exception {
        private static final long serialVersionUID = 1L;
        final transient DeliveryException verdict;

        Gone(DeliveryException verdict) {
            super(verdict.getMessage(), null, false, false);
            this.verdict = verdict;
        }
    }

    private static String table(String value) {
        String t = value == null ? "" : value.trim();
        if (!TABLE.matcher(t).matches()) {
            throw new IllegalArgumentException("table '" + t + "' is not a ServiceNow table name: use lower-case"
                    + " letters, digits and _, e.g. incident or sn_si_incident");
        }
        return t;
    }
}
