package dev.herald.kind.illumio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.Fields;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordSummary;
import dev.herald.api.record.Timestamps;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Illumio PCE audit events ({@code href} containing {@code /events/}, {@code event_type}): id
 * {@code href}, type {@code event_type}, time {@code timestamp}, severity from the PCE's own word
 * ({@code info}, {@code warning}, {@code err}, …), raised to at least low when {@code status} is
 * {@code failure}.
 */
@Component(property = {RecordKind.NAME + "=" + PceAuditKind.NAME, "service.ranking:Integer=400"})
public final class PceAuditKind implements RecordKind {
    static final String NAME = "pce";
    private static final Set<String> MEMBERS_READ = Set.of("href", "event_type", "timestamp", "severity", "status");
    private static final String WHAT = "PCE audit event";

    @Override
    public String name() {
        return NAME;
    }

    /** {@inheritDoc} Id, type, time and what its severity comes from. */
    @Override
    public Set<String> membersRead() {
        return MEMBERS_READ;
    }

    @Override
    public boolean accepts(JsonNode record) {
        String href = Fields.text(record, "href");
        return href != null && href.contains("/events/") && record.has("event_type");
    }

    @Override
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        Severity severity = Severity.parse(Fields.text(record, "severity")).orElse(Severity.INFO);
        if ("failure".equalsIgnoreCase(Fields.text(record, "status"))) {
            severity = severity.atLeast(Severity.LOW);
        }
        return List.of(event(record, raw, instance)
                .id(Fields.require(record, "href", WHAT))
                .type(Fields.require(record, "event_type", WHAT))
                .time(Timestamps.require(record, "timestamp", WHAT))
                .severity(severity)
                .build());
    }

    /**
     * {@code <event_type> by <actor>}; the actor the user, workload or service account that caused it
     * ({@code system} otherwise); the target the first resource it changed (its name, else its href),
     * else the user a failed sign-in named; the account the PCE; the outcome {@code status}; the link
     * the PCE's events page.
     */
    @Override
    public RecordSummary summary(Event event) {
        JsonNode d = event.detail();
        JsonNode by = d.path("created_by");
        String actor = Fields.firstOf(Fields.text(by.path("user"), "username"),
                Fields.text(by.path("workload"), "hostname"), Fields.text(by.path("service_account"), "name"),
                by.has("system") ? "system" : null);
        String pce = Fields.text(d, "pce_fqdn");
        return new RecordSummary(event.type() + (actor == null ? "" : " by " + actor), actor, target(d), pce, null,
                Fields.text(d, "status"), pce == null ? null : "https://" + pce + "/#/events");
    }

    private static String target(JsonNode d) {
        JsonNode resource = d.path("resource_changes").path(0).path("resource");
        for (Iterator<JsonNode> it = resource.elements(); it.hasNext(); ) {
            JsonNode changed = it.next();
            String name = Fields.firstOf(Fields.text(changed, "name"), Fields.text(changed, "hostname"),
                    Fields.text(changed, "href"));
            if (name != null) {
                return name;
            }
        }
        return Fields.text(d.path("notifications").path(0).path("info").path("user"), "username");
    }
}
