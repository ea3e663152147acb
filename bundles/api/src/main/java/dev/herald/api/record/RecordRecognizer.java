package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells which kind of vendor record a parsed JSON object is and turns it into {@link Event}s.
 * The first kind whose identifying fields are present wins:
 * <ol>
 *   <li>an EventBridge event from Security Hub ({@code detail-type} {@code Security Hub Findings
 *       - Imported} or {@code - Custom Action} with ASFF findings, {@code Findings Imported V2}
 *       with OCSF findings, in {@code detail.findings}): one {@code securityhub} event per
 *       finding, whose detail and raw text are that finding's;</li>
 *   <li>an Illumio PCE audit event ({@code href} containing {@code /events/}, {@code
 *       event_type}): source {@code pce}, id {@code href}, type {@code event_type}, time {@code
 *       timestamp}, severity from the PCE's {@code severity} word, at least low when {@code
 *       status} is {@code failure};</li>
 *   <li>a CloudTrail record ({@code eventID}, {@code eventName}, {@code eventSource}): source
 *       {@code cloudtrail}, id {@code eventID}, type {@code eventName}, time {@code eventTime},
 *       severity by {@link CloudTrailSeverity};</li>
 *   <li>an ASFF finding ({@code SchemaVersion}, {@code Id}, {@code ProductArn}): source {@code
 *       securityhub}, id {@code Id@UpdatedAt} (every update is a new event), type the first of
 *       {@code Types} (or {@code Finding}), time {@code UpdatedAt}, severity {@code
 *       Severity.Label};</li>
 *   <li>an Illumio flow summary ({@code src_ip}, {@code dst_ip}, {@code dst_port}, {@code pd}):
 *       source {@code illumio-flow}, id the fallback id, type {@code flow.allowed}, {@code
 *       flow.potentially_blocked}, {@code flow.blocked} or {@code flow.unknown}, time {@code
 *       timestamp}, low when (potentially) blocked, else info;</li>
 *   <li>anything else: source {@code json}, read through the configured {@link JsonPointers}.</li>
 * </ol>
 * Vendor timestamps must be present and ISO-8601; a record that lacks a field its kind needs, or
 * has it malformed, raises a {@link RecordException} saying which. Thread-safe.
 */
public final class RecordRecognizer {
    private static final List<KindMapper> VENDOR_KINDS = List.of(new SecurityHubEnvelopes(),
            new PceAuditEvents(), new CloudTrailRecords(), new AsffFindings(), new IllumioFlows());

    private final KindMapper generic;

    /** @param generic where records of no known kind keep their id, type, time and severity */
    public RecordRecognizer(JsonPointers generic) {
        this.generic = new GenericJsonEvents(generic);
    }

    /** A recognizer with {@link JsonPointers#DEFAULT} for records of no known kind. */
    public RecordRecognizer() {
        this(JsonPointers.DEFAULT);
    }

    /** Which kind of record it is; {@link RecordKind#JSON} for anything not an object. */
    public static RecordKind kind(JsonNode record) {
        if (record != null && record.isObject()) {
            for (KindMapper mapper : VENDOR_KINDS) {
                if (mapper.accepts(record)) {
                    return mapper.kind();
                }
            }
        }
        return RecordKind.JSON;
    }

    /**
     * The events a record stands for: one, or one per finding of a Security Hub EventBridge
     * event.
     *
     * @param record     the parsed record
     * @param raw        its text as received
     * @param instance   the source instance that read it
     * @param fallbackId the id of records that have none of their own (Illumio flow summaries,
     *                   generic JSON without an id): where it was read, e.g. {@code
     *                   flows.json.gz:17}; may be null when the source has no such notion
     * @throws RecordException when it is not a JSON object, or lacks or has malformed a field its
     *                         kind needs; the message says which. Any other failure while turning
     *                         it into events is one too, so that a record no mapper foresaw is
     *                         quarantined and never stops the source.
     */
    /**
     * The events of one record's whole text, read as a {@link RecordReader} with this limit would
     * read it: for sources retrying a quarantined record ({@code dev.herald.api.source.QuarantineRetry}).
     *
     * @param text           the record's text
     * @param maxRecordBytes the source's current {@code max_record_bytes}
     * @param instance       the source instance
     * @param fallbackId     see {@link #events(JsonNode, String, String, String)}
     * @throws RecordException when it is too large, not one JSON value, or cannot be turned into
     *                         events; the message says why, in the words of a first read
     */
    public List<Event> events(String text, int maxRecordBytes, String instance, String fallbackId)
            throws RecordException {
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxRecordBytes) {
            throw new RecordException(RecordReader.tooLarge(size, maxRecordBytes));
        }
        JsonNode json;
        try {
            json = Json.WHOLE.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RecordException(Json.problem(e, false), e);
        }
        return markParsed(events(json, text, instance, fallbackId), json, text);
    }

    /**
     * The events of an entry a {@link RecordReader} returned: the one place where a source learns
     * whether a record becomes events or goes to the quarantine.
     *
     * @param entry      the entry; its text becomes the events' raw text
     * @param instance   the source instance that read it
     * @param fallbackId see {@link #events(JsonNode, String, String, String)}
     * @throws RecordException when the entry is {@link RecordEntry.Malformed} (with its reason) or
     *                         cannot be turned into events, whatever the cause; the message says why
     */
    public List<Event> events(RecordEntry entry, String instance, String fallbackId) throws RecordException {
        if (entry instanceof RecordEntry.Malformed malformed) {
            throw new RecordException(malformed.reason());
        }
        JsonNode json = ((RecordEntry.Parsed) entry).json();
        List<Event> events = events(json, entry.text(), instance, fallbackId);
        return markParsed(events, json, entry.text());
    }

    /**
     * The entry's tree was parsed from its exact text: events that kept both as they are say so,
     * which spares the store writing the tree out again.
     */
    private static List<Event> markParsed(List<Event> events, JsonNode json, String text) {
        if (events.size() == 1) {
            Event e = events.get(0);
            return List.of(keptAsParsed(e, json, text) ? e.toBuilder().parsed(json, text).build() : e);
        }
        List<Event> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.add(keptAsParsed(e, json, text) ? e.toBuilder().parsed(json, text).build() : e);
        }
        return out;
    }

    private static boolean keptAsParsed(Event e, JsonNode json, String text) {
        return !e.rawIsDetailText() && e.detail() == json && e.raw() == text;
    }

    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        if (record == null || !record.isObject()) {
            throw new RecordException("a record must be a JSON object, this is " + Json.describe(record));
        }
        try {
            return mapper(record).events(record, raw, instance, fallbackId);
        } catch (RuntimeException e) {
            throw new RecordException("cannot be turned into an event: " + e, e);
        }
    }

    private KindMapper mapper(JsonNode record) {
        for (KindMapper mapper : VENDOR_KINDS) {
            if (mapper.accepts(record)) {
                return mapper;
            }
        }
        return generic;
    }
}
