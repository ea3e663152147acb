package dev.herald.source.securityhub;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.PollLoop;
import dev.herald.api.source.QuarantineRetry;
import dev.herald.aws.AwsClients;
import dev.herald.aws.AwsConnection;
import dev.herald.aws.RequestPacer;
import java.time.Clock;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Reads AWS Security Hub findings into the {@link Journal}, one event per finding and update. In
 * mode {@code poll}, one thread per instance asks GetFindings every {@code poll_interval} seconds
 * (see {@link SecurityHubPoller}); in mode {@code push}, a servlet registered with the OSGi HTTP
 * Whiteboard at {@code path} takes what an EventBridge API destination posts (see {@link
 * PushHandler}).
 *
 * <p>It retries a quarantined finding ({@link QuarantineRetry}) as if it read it now.
 */
@Component(configurationPid = SecurityHubSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = QuarantineRetry.class, immediate = true)
@Designate(ocd = SecurityHubSource.Config.class, factory = true)
public final class SecurityHubSource implements QuarantineRetry {
    /** The factory configuration PID. */
    public static final String PID = "dev.herald.source.securityhub";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityHubSource.class);

    /** Makes the push servlet available over HTTP; the returned handle withdraws it. */
    interface ServletPublisher {
        AutoCloseable publish(Servlet servlet, Dictionary<String, Object> properties);
    }

    /** The configuration; {@code __} in a method name is {@code _} in the property name. */
    @ObjectClassDefinition(name = "Herald source: AWS Security Hub",
            description = "Security Hub findings, one event per finding and update: polled through GetFindings,"
                    + " or pushed by an EventBridge API destination to an HTTPS endpoint inside Herald.")
    public @interface Config {
        @AttributeDefinition(name = "Name",
                description = "The source instance name: its events carry it as 'instance', its checkpoint is kept"
                        + " under it")
        String name();

        @AttributeDefinition(name = "Mode", description = "poll: Herald asks GetFindings; push: EventBridge posts"
                + " the findings to Herald", options = {@Option(label = "poll (GetFindings)", value = "poll"),
                @Option(label = "push (EventBridge API destination)", value = "push")})
        String mode() default "poll";

        @AttributeDefinition(name = "Severity labels", required = false, description = "Poll: only findings with"
                + " one of these Severity.Label values (INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL); empty for all")
        String[] severity__labels() default {};

        @AttributeDefinition(name = "Product names", required = false, description = "Poll: only findings of these"
                + " products (e.g. GuardDuty, Inspector, Security Hub); empty for all")
        String[] product__names() default {};

        @AttributeDefinition(name = "Record states", required = false, description = "Poll: ACTIVE and/or ARCHIVED;"
                + " empty for both (routes need ARCHIVED updates to resolve incidents)")
        String[] record__states() default {};

        @AttributeDefinition(name = "Workflow statuses", required = false, description = "Poll: NEW, NOTIFIED,"
                + " RESOLVED, SUPPRESSED; empty for all")
        String[] workflow__statuses() default {};

        @AttributeDefinition(name = "Compliance statuses", required = false, description = "Poll: PASSED, WARNING,"
                + " FAILED, NOT_AVAILABLE; empty for all (routes need PASSED updates to resolve incidents)")
        String[] compliance__statuses() default {};

        @AttributeDefinition(name = "Poll interval (s)", min = "1", description = "Poll: seconds between two polls")
        int poll__interval() default 60;

        @AttributeDefinition(name = "Overlap (s)", min = "0", description = "Poll: each poll starts this many"
                + " seconds before the checkpoint, for updates Security Hub makes visible late; repeats are dropped"
                + " by id")
        int overlap() default 300;

        @AttributeDefinition(name = "Backfill (h)", min = "0", max = "2160", description = "Poll: on the first run"
                + " (no checkpoint yet), read the findings updated this many hours back")
        int backfill__hours() default 24;

        @AttributeDefinition(name = "Max requests per second", description = "Poll: GetFindings requests per"
                + " second, at most 3 (Security Hub's rate per account and region)")
        double max__requests__per__second() default SecurityHubSettings.MAX_REQUESTS_PER_SECOND;

        @AttributeDefinition(name = "Path", required = false, description = "Push: the path EventBridge posts to;"
                + " empty for /herald/securityhub/<name>")
        String path() default "";

        @AttributeDefinition(name = "Header name", description = "Push: the HTTP header carrying the secret (the"
                + " EventBridge connection's API key name)")
        String header__name() default "x-herald-token";

        @AttributeDefinition(name = "Header secret", required = false, type = AttributeType.PASSWORD,
                description = "Push: the secret the EventBridge connection sends in that header; at least 16"
                        + " characters")
        String header__secret() default "";

        @AttributeDefinition(name = "Max body bytes", min = "1024", description = "Push: larger requests are"
                + " refused with 413 (EventBridge events are at most 256 KiB)")
        int max__body__bytes() default 1024 * 1024;

        @AttributeDefinition(name = "Allow plain HTTP", description = "Push: also take posts that reach Herald over"
                + " plain HTTP. Only for a TLS-terminating proxy in front of Herald (EventBridge itself posts over"
                + " HTTPS): the header secret and the findings travel in clear between the proxy and Herald. Off:"
                + " such posts are refused with 403.")
        boolean allow__plain__http() default false;

        @AttributeDefinition(name = "Region", required = false, description = "Poll: the region whose findings are read"
                + " (with cross-region aggregation, the aggregation region), e.g. eu-west-1; empty: the SDK's default"
                + " (AWS_REGION, profile)")
        String region() default "";

        @AttributeDefinition(name = "Endpoint", required = false, description = "A URL replacing Security Hub's"
                + " endpoint (a VPC endpoint); empty for AWS's")
        String endpoint() default "";

        @AttributeDefinition(name = "Credentials", description = "Where the AWS credentials come from",
                options = {@Option(label = "default (environment, web identity, instance role)", value = "default"),
                        @Option(label = "profile", value = "profile"), @Option(label = "static keys", value = "static")})
        String credentials() default "default";

        @AttributeDefinition(name = "Profile", required = false, description = "For credentials = profile: a"
                + " profile of ~/.aws/config and ~/.aws/credentials")
        String profile() default "";

        @AttributeDefinition(name = "Access key id", required = false, description = "For credentials = static")
        String access__key__id() default "";

        @AttributeDefinition(name = "Secret access key", required = false, type = AttributeType.PASSWORD,
                description = "For credentials = static")
        String secret__access__key() default "";

        @AttributeDefinition(name = "Session token", required = false, type = AttributeType.PASSWORD,
                description = "Optional with credentials = static")
        String session__token() default "";

        @AttributeDefinition(name = "Role ARN", required = false, description = "A role assumed through STS with the"
                + " credentials above, e.g. arn:aws:iam::123456789012:role/herald-reader; empty for none")
        String role__arn() default "";

        @AttributeDefinition(name = "External id", required = false, description = "The external id the role's"
                + " trust policy asks for, if any")
        String external__id() default "";

        @AttributeDefinition(name = "Role session name", description = "Names the assumed-role session in"
                + " CloudTrail")
        String role__session__name() default "herald";

        @AttributeDefinition(name = "STS endpoint", required = false, description = "A URL replacing STS's endpoint"
                + " (a VPC endpoint); empty for AWS's regional one")
        String sts__endpoint() default "";

        @AttributeDefinition(name = "Retry mode", description = "The AWS SDK's retries before a failure reaches"
                + " Herald", options = {@Option(label = "standard", value = "standard"),
                @Option(label = "adaptive", value = "adaptive"), @Option(label = "legacy", value = "legacy")})
        String retry__mode() default "standard";

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's: a TLS-inspecting proxy's, or a VPC endpoint's private CA")
        String ca__bundle() default "";

        @AttributeDefinition(name = "Skip TLS verification", description = "Accept any certificate and host name."
                + " Only for tests: the AWS traffic can then be read by anyone in between. Prefer ca_bundle.")
        boolean insecure() default false;

        @AttributeDefinition(name = "Proxy", required = false, description = "An HTTP proxy as host:port; empty"
                + " for none")
        String proxy() default "";

        @AttributeDefinition(name = "Connect timeout (s)", min = "1")
        int connect__timeout() default 10;

        @AttributeDefinition(name = "Read timeout (s)", min = "1")
        int read__timeout() default 60;

        String webconsole_configurationFactory_nameHint() default "Security Hub {name} ({mode})";
    }

    private final SecurityHubSettings settings;
    private final AwsClients clients;
    private final PollLoop loop;
    private final AutoCloseable servlet;
    private final FindingEvents findings;

    /** Started by Declarative Services with the instance's configuration. */
    @Activate
    public SecurityHubSource(Config config, AwsConnection connection, @Reference Journal journal,
                             BundleContext context, @Reference RecordKinds kinds,
                             @Reference(target = "(" + RecordKind.NAME + "=securityhub)") RecordKind findingKind) {
        this(config, connection, journal, Clock.systemUTC(), (servlet, properties) -> {
            ServiceRegistration<Servlet> registration = context.registerService(Servlet.class, servlet, properties);
            return registration::unregister;
        }, kinds.including(findingKind).recognizer());
    }

    /**
     * @param recognizer turns findings into events: the DS constructor waits for the securityhub record
     *                   kind and includes it, so that no finding is read as generic JSON while the kinds
     *                   registry has yet to see it
     */
    SecurityHubSource(Config config, AwsConnection connection, Journal journal, Clock clock,
                      ServletPublisher publisher, RecordRecognizer recognizer) {
        this.settings = settings(config, connection.service_pid());
        this.findings = new FindingEvents(settings.name(), journal, recognizer);
        if (settings.mode() == SecurityHubSettings.Mode.PUSH) {
            this.clients = null;
            this.loop = null;
            this.servlet = publish(new PushHandler(settings, journal, recognizer), publisher);
            LOG.info("Security Hub source '{}' takes EventBridge deliveries at {}", settings.name(), settings.path());
            if (settings.allowPlainHttp()) {
                LOG.warn("Security Hub source '{}' takes deliveries at {} over plain HTTP too (allow_plain_http ="
                        + " true): the header secret and the findings travel in clear unless a TLS-terminating proxy"
                        + " on a trusted network is all that reaches Herald's HTTP port", settings.name(),
                        settings.path());
            }
            return;
        }
        this.clients = AwsClients.forInstance("source", "securityhub", config.name(), connection);
        SecurityHubClient client = clients.client(SecurityHubClient.builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ResponseBodyCapture())));
        FindingsWindow window = new FindingsWindow(client,
                RequestPacer.perSecond(settings.maxRequestsPerSecond()), settings.filters());
        SecurityHubPoller poller = new SecurityHubPoller(settings, window, journal, clock, recognizer);
        this.servlet = null;
        this.loop = new PollLoop("herald-source-securityhub-" + settings.name(),
                "Security Hub source '" + settings.name() + "'", settings.pollInterval());
        loop.start(poller::poll);
        LOG.info("Security Hub source '{}' polls GetFindings every {} s{}", settings.name(),
                settings.pollInterval().toSeconds(), settings.filters().isEmpty() ? "" : " where " + settings.filters());
    }

    private static SecurityHubSettings settings(Config config, String pid) {
        try {
            return SecurityHubSettings.from(config, pid);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("securityhub source '" + config.name() + "': " + e.getMessage(), e);
        }
    }

    private AutoCloseable publish(PushHandler handler, ServletPublisher publisher) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", settings.path());
        properties.put("osgi.http.whiteboard.servlet.name", "herald-securityhub-" + settings.name());
        return publisher.publish(new PushServlet(handler, settings), properties);
    }

    @Override
    public List<Event> reread(String location, String content) throws RecordException {
        return findings.reread(content);
    }

    @Deactivate
    void stop() {
        if (servlet != null) {
            try {
                servlet.close();
            } catch (Exception e) {
                LOG.debug("Security Hub source '{}': withdrawing the push endpoint failed", settings.name(), e);
            }
            return;
        }
        loop.stop();
        clients.close();
    }

}
