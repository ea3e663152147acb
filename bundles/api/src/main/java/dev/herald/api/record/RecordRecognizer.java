package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells which kind of record a parsed JSON object is and turns it into {@link Event}s: the first of
 * the {@link RecordKinds} present that {@link RecordKind#accepts} it (the vendor kinds plugin bundles
 * contribute: Illumio PCE audit events and flow summaries, CloudTrail records, Security Hub findings
 * in ASFF or OCSF, …), else generic JSON: source {@code json}, read through the configured {@link
 * JsonPointers}. The kinds are looked up for every record, so a kind that arrives or leaves while a
 * source runs counts from the next record on.
 *
 * <p>A record that lacks a field its kind needs, or has it malformed, raises a {@link
 * RecordException} saying which. Thread-safe.
 */
public final class RecordRecognizer {
    private final RecordKinds kinds;
    private final GenericJsonEvents generic;

    /**
     * @param kinds   the kinds to recognise, in order
     * @param generic where records of no known kind keep their id, type, time and severity
     */
    public RecordRecognizer(RecordKinds kinds, JsonPointers generic) {
        this.kinds = kinds;
        this.generic = new GenericJsonEvents(generic);
    }

    /** A recognizer with {@link JsonPointers#DEFAULT} for records of no known kind. */
    public RecordRecognizer(RecordKinds kinds) {
        this(kinds, JsonPointers.DEFAULT);
    }

    /** The name of the record's kind; {@link RecordKinds#GENERIC} for anything not an object or of no kind present. */
    public String kind(JsonNode record) {
        RecordKind kind = record != null && record.isObject() ? kindOf(record) : null;
        return kind == null ? RecordKinds.GENERIC : kind.name();
    }

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
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        if (record == null || !record.isObject()) {
            throw new RecordException("a record must be a JSON object, this is " + Json.describe(record));
        }
        try {
            RecordKind kind = kindOf(record);
            return kind == null ? generic.events(record, raw, instance, fallbackId)
                    : kind.events(record, raw, instance, fallbackId);
        } catch (RuntimeException e) {
            throw new RecordException("cannot be turned into an event: " + e, e);
        }
    }

    private RecordKind kindOf(JsonNode record) {
        for (RecordKind kind : kinds.kinds()) {
            if (kind.accepts(record)) {
                return kind;
            }
        }
        return null;
    }
}
