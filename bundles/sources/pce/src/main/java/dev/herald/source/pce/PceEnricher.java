package dev.herald.source.pce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.enrich.Enricher;
import dev.herald.api.enrich.EventAddresses;
import dev.herald.api.secret.ServicePid;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpConnection;
import dev.herald.http.HttpFailure;
import dev.herald.http.HttpSender;
import dev.herald.http.HttpSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Enriches the events of one configured PCE (its source's configuration: the same PCE, API key and
 * request budget) with {@code enrichment.pce}:
 * <ul>
 * <li>PCE audit events: {@code created_by} (the workload that acted, when one did), {@code
 * workloads} (those its {@code resource_changes} name) and {@code policy_diff} (the changes as
 * readable lines);</li>
 * <li>Illumio flow summaries: {@code src} and {@code dst}, the workloads behind {@code
 * src_href}/{@code dst_href} or else {@code src_ip}/{@code dst_ip}.</li>
 * </ul>
 * Each workload is {@linkplain Workloads#summary summarised} and {@linkplain WorkloadCache cached}.
 * An event is this PCE's when its source instance is this source, or its {@code pce_fqdn} is this
 * PCE's host name.
 */
@Component(configurationPid = PceSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = Enricher.class)
public final class PceEnricher implements Enricher {
    static final int CACHE_SIZE = 10_000;
    static final int REFRESH_SECONDS = 300;
    /** Room for a few workload requests to a PCE across a WAN, and a wait for the request budget. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final PceSettings settings;
    private final boolean enabled;
    private final PceClient client;
    private final WorkloadCache cache;
    private final String host;

    /** Started by Declarative Services with the PCE source's configuration. */
    @Activate
    public PceEnricher(PceSource.Config config, ServicePid pid, HttpConnection connection,
                       @Reference HttpClients clients) {
        this(PceSettings.from(config, pid.service_pid()), config.enrich(), config.enrich__cache__size(),
                config.enrich__refresh(), clients.create(httpSettings(config, connection)), Clock.systemUTC());
    }

    PceEnricher(PceSettings settings, boolean enabled, int cacheSize, int refreshSeconds, HttpSender http,
                Clock clock) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("enrich_cache_size = " + cacheSize + " is out of range: give the most"
                    + " workloads to keep, at least 1 (default " + CACHE_SIZE + ")");
        }
        if (refreshSeconds < 1) {
            throw new IllegalArgumentException("enrich_refresh = " + refreshSeconds + " is out of range: give the"
                    + " seconds after which a cached workload is looked up again, at least 1 (default "
                    + REFRESH_SECONDS + ")");
        }
        this.settings = settings;
        this.enabled = enabled;
        this.client = new PceClient(settings, http, RequestBudget.shared(settings.pceUrl(), settings.apiUser()));
        this.cache = new WorkloadCache(cacheSize, Duration.ofSeconds(refreshSeconds), clock);
        this.host = settings.pceUrl().getHost().toLowerCase(Locale.ROOT);
    }

    private static HttpSettings httpSettings(PceSource.Config config, HttpConnection connection) {
        try {
            return HttpSettings.builder("enricher pce/" + config.name())
                    .userAgentOf(PceEnricher.class)
                    .connection(connection)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pce source '" + config.name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "pce-" + settings.name();
    }

    @Override
    public Duration timeout() {
        return TIMEOUT;
    }

    @Override
    public boolean appliesTo(Event event) {
        if (!enabled || !(event.source().equals("pce") || event.source().equals("illumio-flow"))) {
            return false;
        }
        return event.instance().equals(settings.name())
                || fqdn(event.detailMember("pce_fqdn")).equals(host);
    }

    /** The PCE a record names, lower case; empty when it names none. */
    private static String fqdn(JsonNode value) {
        return value == null ? "" : value.asText("").toLowerCase(Locale.ROOT);
    }

    @Override
    public ObjectNode enrich(Event event) throws Exception {
        ObjectNode pce = event.source().equals("pce") ? auditEvent(event.detail()) : flow(event);
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        if (!pce.isEmpty()) {
            fields.set("pce", pce);
        }
        return fields;
    }

    private ObjectNode auditEvent(JsonNode detail) throws Exception {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode actor = detail.path("created_by").path("workload").path("href");
        if (actor.isTextual()) {
            byHref(actor.asText()).ifPresent(w -> out.set("created_by", w));
        }
        Set<String> hrefs = new LinkedHashSet<>();
        for (JsonNode change : detail.path("resource_changes")) {
            JsonNode href = change.path("resource").path("workload").path("href");
            if (href.isTextual()) {
                hrefs.add(href.asText());
            }
        }
        ArrayNode workloads = JsonNodeFactory.instance.arrayNode();
        for (String href : hrefs) {
            byHref(href).ifPresent(workloads::add);
        }
        if (!workloads.isEmpty()) {
            out.set("workloads", workloads);
        }
        if (detail.path("resource_changes").isArray() && !detail.path("resource_changes").isEmpty()) {
            out.set("policy_diff", PolicyDiff.of(detail.path("resource_changes")));
        }
        return out;
    }

    private ObjectNode flow(Event event) throws Exception {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode detail = event.detail();
        end(detail.path("src_href"), EventAddresses.source(event)).ifPresent(w -> out.set("src", w));
        end(detail.path("dst_href"), EventAddresses.destination(event)).ifPresent(w -> out.set("dst", w));
        return out;
    }

    /** One end of a flow: by its href when the summary has one (a managed workload), else by its address. */
    private Optional<ObjectNode> end(JsonNode href, Optional<String> ip) throws Exception {
        if (href.isTextual() && href.asText().contains("/workloads/")) {
            return byHref(href.asText());
        }
        return ip.isPresent() ? byIp(ip.get()) : Optional.empty();
    }

    private Optional<ObjectNode> byHref(String href) throws Exception {
        return cache.get(href, h -> {
            try {
                return client.workload(h).map(Workloads::summary);
            } catch (HttpFailure e) {
                throw failure("workload " + h, e);
            }
        });
    }

    private Optional<ObjectNode> byIp(String ip) throws Exception {
        return cache.get("ip:" + ip, k -> {
            try {
                ArrayNode found = client.workloadsByIp(ip);
                return found.isEmpty() ? Optional.empty() : Optional.of(Workloads.summary(found.get(0)));
            } catch (HttpFailure e) {
                throw failure("the workload of " + ip, e);
            }
        });
    }

    /** Says what to do about a refused or failed lookup (the stage shows it as this enricher's problem). */
    private Exception failure(String what, HttpFailure e) {
        int status = e.status().orElse(0);
        String fix = status == 401 || status == 403
                ? ": give the API key of PCE source '" + settings.name() + "' read access to workloads"
                : "";
        return new IllegalStateException("the PCE " + settings.pceUrl() + " did not answer for " + what + " ("
                + e.getMessage() + ")" + fix, e);
    }
}
