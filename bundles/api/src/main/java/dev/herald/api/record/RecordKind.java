package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One kind of vendor record (a CloudTrail record, an Illumio PCE audit event, …): how to recognise
 * it among parsed JSON objects, the {@link Event}s it becomes, and the {@link RecordSummary} templates
 * show for them. A plugin bundle contributes a kind by registering an implementation as an OSGi
 * service; every source that reads JSON then recognises it ({@link RecordKinds}).
 *
 * <p>Kinds are tried in the order of their {@code service.ranking}, highest first, and the first
 * that {@link #accepts} a record wins; a record no kind accepts is generic JSON ({@link
 * RecordKinds#GENERIC}). Rank a kind by how specific its identifying fields are: Herald's own kinds
 * use 100 (an Illumio flow summary: four common field names) to 500 (a Security Hub EventBridge
 * event: an exact {@code detail-type}); a kind that identifies records by one common field should
 * stay below 100. Register the service with the property {@value #NAME} = {@link #name()} so that a
 * component that needs this kind in particular can wait for it ({@code target = "(herald.kind=pce)"}).
 *
 * <pre>{@code
 * @Component(property = {RecordKind.NAME + "=acme-audit", "service.ranking:Integer=300"})
 * public final class AcmeAuditKind implements RecordKind { ... }
 * }</pre>
 */
@ConsumerType
public interface RecordKind {
    /** The service property that holds {@link #name()}. */
    String NAME = "herald.kind";

    /**
     * The kind's name, which is the {@link Event#source()} of its events and what routes, templates
     * ({@code templates/<name>.peb}) and runbooks select on: lower case letters, digits and {@code -}.
     */
    String name();

    /**
     * The members of a record that {@link #accepts} and {@link #events} read, or null (the default)
     * for all of them: each a member's name, or the path to a member inside object members, names
     * joined by dots ({@code userIdentity.type}: of {@code userIdentity}, only its {@code type}).
     * When every kind present names its members, a source that reads JSON Lines parses of each
     * record only the members the kinds and the routes read ({@link Projection}), and gives the
     * kinds a record holding just those: so a kind that names its members must read no other, and
     * must take its events' detail from the record as given (the record itself, or the value of a
     * member it names whole), never build one from it. The full record
     * is parsed from its text when something reads the detail as a whole ({@link #summary} may read
     * anything).
     */
    default Set<String> membersRead() {
        return null;
    }

    /** Whether the JSON object has this kind's identifying fields; cheap, and never throws. */
    boolean accepts(JsonNode record);

    /**
     * The events the record stands for: one, or several when it is an envelope of many (a Security
     * Hub EventBridge event holds one finding per event). Each event's source is {@link #name()}.
     *
     * @param record     a JSON object this kind {@link #accepts}
     * @param raw        its text as received: the events' raw text (or, for an envelope, each
     *                   part's own text)
     * @param instance   the source instance that read it
     * @param fallbackId the id for a record without one of its own: where it was read ({@code
     *                   flows.json.gz:17}); may be null
     * @throws RecordException when a field the kind needs is missing or malformed: the message says
     *                         which ({@link Fields}, {@link Timestamps} word it), and the source
     *                         quarantines the record
     */
    List<Event> events(JsonNode record, String raw, String instance, String fallbackId) throws RecordException;

    /**
     * An event of this kind holding {@code record}: source {@link #name()}, the instance, the record
     * as detail and {@code raw} as its text; the kind adds id, type, time and severity.
     */
    default Event.Builder event(JsonNode record, String raw, String instance) {
        return Event.builder().source(name()).instance(instance).detail(record).raw(raw);
    }

    /**
     * What one of this kind's events is about, in the same words for every kind: templates show it
     * as {@code summary.title}, {@code summary.actor}, …, so that a sink can have one template for
     * every kind. Computed when a notification is rendered, from the event's detail; nothing of it
     * is stored. It must not throw for an event of this kind whatever its detail holds (a field
     * missing is null): the host falls back to the generic summary if it does.
     */
    RecordSummary summary(Event event);
}
