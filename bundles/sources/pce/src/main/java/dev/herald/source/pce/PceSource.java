package dev.herald.source.pce;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.secret.ServicePid;
import dev.herald.api.source.PollLoop;
import dev.herald.api.source.QuarantineRetry;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpConnection;
import dev.herald.http.HttpSender;
import dev.herald.http.HttpSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

/**
 * Polls an Illumio PCE's audit events ({@code GET /api/v2/orgs/{org}/events}) into the {@link
 * Journal}. One thread per instance checks the PCE's health once, then polls every {@code
 * poll_interval} seconds, or later after a failure; see {@link PcePoller} for what a poll does.
 *
 * <p>It retries a quarantined audit event ({@link QuarantineRetry}) as if it read it now.
 */
@Component(configurationPid = PceSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = QuarantineRetry.class, immediate = true)
@Designate(ocd = PceSource.Config.class, factory = true)
public final class PceSource implements QuarantineRetry {
    /** Audit events come whole in one bounded response, so a retried one has no size of its own to keep to. */
    private static final int NO_RECORD_CAP = Integer.MAX_VALUE;

    /** The factory configuration PID. */
    public static final String PID = "dev.herald.source.pce";

    private static final Logger LOG = LoggerFactory.getLogger(PceSource.class);

    /** The configuration; {@code __} in a method name is {@code _} in the property name. */
    @ObjectClassDefinition(name = "Herald source: Illumio PCE audit events",
            description = "Polls the audit events of an Illumio PCE organisation through its REST API and resumes"
                    + " where it stopped after a restart.")
    public @interface Config {
        @AttributeDefinition(name = "Name",
                description = "The source instance name: its events carry it as 'instance', its checkpoint is kept under it")
        String name();

        @AttributeDefinition(name = "PCE URL", description = "https://host:port of the PCE, e.g."
                + " https://pce.example.com:8443 (443 on SaaS)")
        String pce__url();

        @AttributeDefinition(name = "Organisation id", min = "1", description = "1 on an on-premises PCE")
        int org__id() default 1;

        @AttributeDefinition(name = "API key user", description = "The API key's user name, api_…")
        String api__user();

        @AttributeDefinition(name = "API key secret", type = AttributeType.PASSWORD)
        String api__secret();

        @AttributeDefinition(name = "Poll interval (s)", min = "1", description = "Seconds between two polls")
        int poll__interval() default 30;

        @AttributeDefinition(name = "Max results", min = "1", max = "10000", description = "The most events per"
                + " request; a window that returns this many is collected as full_window says")
        int max__results() default PceSettings.MAX_RESULTS;

        @AttributeDefinition(name = "Full window", description = "What to do with a window that returned"
                + " max_results events (more may exist). async: ask the PCE for an async collection of the whole"
                + " window (Prefer: respond-async, then poll the job and download its result), and split the window"
                + " when the job fails, takes longer than async_timeout or the PCE does not offer async collections;"
                + " split: ask for its halves again, recursively",
                options = {@Option(label = "async", value = "async"), @Option(label = "split", value = "split")})
        String full__window() default "async";

        @AttributeDefinition(name = "Async timeout (s)", min = "1", description = "The longest an async collection"
                + " may take, job polls included, before the window is split instead")
        int async__timeout() default 600;

        @AttributeDefinition(name = "Overlap (s)", min = "0", description = "Each poll starts this many seconds"
                + " before the newest event committed, for events the PCE records late; repeats are dropped by href")
        int overlap__seconds() default 60;

        @AttributeDefinition(name = "Backfill (h)", min = "0", description = "On the first run (no checkpoint yet),"
                + " start this many hours in the past")
        int backfill__hours() default 24;

        @AttributeDefinition(name = "Event types", required = false, description = "Only these event types (e.g."
                + " user.login_failed, agent.tampering); empty for all")
        String[] event__types() default {};

        @AttributeDefinition(name = "Severity", required = false, description = "Only this severity (e.g. err,"
                + " warning); empty for all")
        String severity() default "";

        @AttributeDefinition(name = "Status", required = false, description = "success or failure; empty for both")
        String status() default "";

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's: the PCE's private CA, or a TLS-inspecting proxy's")
        String ca__bundle() default "";

        @AttributeDefinition(name = "Skip TLS verification", description = "Accept any certificate and host name."
                + " Only for tests: the API key can then be read by anyone in between. Prefer ca_bundle.")
        boolean insecure() default false;

        @AttributeDefinition(name = "Proxy", required = false, description = "host:port, or 'direct'. Empty:"
                + " Herald's default (dev.herald.http).")
        String proxy() default "";

        @AttributeDefinition(name = "Connect timeout (s)", min = "0",
                description = "0: Herald's default (dev.herald.http, 10 s).")
        int connect__timeout() default 0;

        @AttributeDefinition(name = "Read timeout (s)", min = "0", description = "The longest wait for a complete"
                + " response; 10,000 events can take a while. 0: Herald's default (dev.herald.http, 30 s).")
        int read__timeout() default 0;

        @AttributeDefinition(name = "Enrich events", description = "Resolve the workloads named in PCE events and"
                + " the addresses of Illumio flow summaries of this PCE to hostname, labels, managed/online and"
                + " enforcement mode, and turn resource_changes into a readable policy diff (enrichment.pce), through"
                + " this PCE's API with this key")
        boolean enrich() default true;

        @AttributeDefinition(name = "Enrichment cache size", min = "1", description = "The most workloads (by href"
                + " or address) kept between lookups; the least recently used go first")
        int enrich__cache__size() default PceEnricher.CACHE_SIZE;

        @AttributeDefinition(name = "Enrichment refresh (s)", min = "1", description = "A cached workload is looked"
                + " up again once older than this, so that label and enforcement changes show")
        int enrich__refresh() default PceEnricher.REFRESH_SECONDS;

        String webconsole_configurationFactory_nameHint() default "PCE {name} ← {pce_url}";
    }

    private final PceSettings settings;
    private final PcePoller poller;
    private final PollLoop loop;
    private final RecordRecognizer recognizer;
    /** Touched by the loop's thread only. */
    private boolean healthChecked;

    /** Started by Declarative Services with the instance's configuration. */
    @Activate
    public PceSource(Config config, ServicePid pid, HttpConnection connection, @Reference Journal journal,
            @Reference HttpClients clients, @Reference RecordKinds kinds,
            @Reference(target = "(" + RecordKind.NAME + "=pce)") RecordKind pceEvents) {
        this(PceSettings.from(config, pid.service_pid()), journal, clients.create(httpSettings(config, connection)),
                Clock.systemUTC(), kinds.including(pceEvents).recognizer());
    }

    /**
     * @param recognizer reads the PCE's records: the DS constructor waits for the pce record kind and
     *                   includes it, so that no PCE event is read as generic JSON while the kinds registry
     *                   has yet to see it
     */
    PceSource(PceSettings settings, Journal journal, HttpSender http, Clock clock, RecordRecognizer recognizer) {
        this.settings = settings;
        this.recognizer = recognizer;
        PceClient client = new PceClient(settings, http, RequestBudget.shared(settings.pceUrl(), settings.apiUser()));
        AsyncCollection async = new AsyncCollection(settings, client, clock, RequestBudget.Sleeper.THREAD);
        this.poller = new PcePoller(settings, client, async, journal, clock, recognizer);
        this.loop = new PollLoop("herald-source-pce-" + settings.name(), "PCE source '" + settings.name() + "'",
                settings.pollInterval());
        loop.start(this::poll);
        LOG.info("PCE source '{}' polls {} org {} every {} s", settings.name(), settings.pceUrl(), settings.orgId(),
                settings.pollInterval().toSeconds());
    }

    private static HttpSettings httpSettings(Config config, HttpConnection connection) {
        try {
            return HttpSettings.builder("source pce/" + config.name())
                    .userAgentOf(PceSource.class)
                    .connection(connection)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pce source '" + config.name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public List<Event> reread(String location, String content) throws RecordException {
        return recognizer.events(content, NO_RECORD_CAP, settings.name(), null);
    }

    @Deactivate
    void stop() {
        loop.stop();
    }

    /** The PCE's health once, before the first poll; then polls. */
    private Duration poll() throws InterruptedException {
        if (!healthChecked) {
            healthChecked = true;
            try {
                poller.checkHealth();
            } catch (RuntimeException e) {
                LOG.warn("PCE source '{}': the health check failed: {}", settings.name(), e.toString());
            }
        }
        return poller.poll();
    }

}
