package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

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
 *
 * <p>It also says which members of a record a source need parse ({@link #projection()}): those the
 * kinds read, those of the generic pointers, and those read from its events since (by routes,
 * silences, enrichers), when every kind present names the members it reads.
 */
public final class RecordRecognizer {
    /** The most members learnt from reads of events: more are not kept (their events parse whole). */
    static final int MOST_LEARNT = 256;

    private final RecordKinds kinds;
    private final GenericJsonEvents generic;
    /** The first member of each generic pointer: what generic JSON's events are read from. */
    private final Set<String> genericMembers;
    /** Members read from this recognizer's events that the projection then did not keep. */
    private final Set<String> learnt = ConcurrentHashMap.newKeySet();
    private volatile Current current;

    /**
     * @param kinds   the kinds to recognise, in order
     * @param generic where records of no known kind keep their id, type, time and severity
     */
    public RecordRecognizer(RecordKinds kinds, JsonPointers generic) {
        this.kinds = kinds;
        this.generic = new GenericJsonEvents(generic);
        Set<String> members = new HashSet<>();
        Stream.of(generic.id(), generic.type(), generic.time(), generic.severity())
                .filter(p -> p != null && !p.matches())
                .map(JsonPointer::getMatchingProperty)
                .forEach(members::add);
        this.genericMembers = Set.copyOf(members);
    }

    /** A recognizer with {@link JsonPointers#DEFAULT} for records of no known kind. */
    public RecordRecognizer(RecordKinds kinds) {
        this(kinds, JsonPointers.DEFAULT);
    }

    /**
     * The members of a record to parse for these kinds now, as learnt so far; {@link Projection#WHOLE}
     * when a kind present does not name the members it reads ({@link RecordKind#membersRead()}).
     */
    public Projection projection() {
        return current().projection;
    }

    private Current current() {
        List<RecordKind> present = kinds.kinds();
        Current c = current;
        if (c == null || c.learnt != learnt.size() || !c.kinds.equals(present)) {
            c = new Current(present, learnt.size(), required(present));
            current = c;
        }
        return c;
    }

    /** What the kinds present and generic JSON read of a record; null for everything. */
    private Set<String> required(List<RecordKind> present) {
        Set<String> members = new HashSet<>(genericMembers);
        for (RecordKind kind : present) {
            Set<String> read = kind.membersRead();
            if (read == null) {
                return null;
            }
            members.addAll(read);
        }
        return members;
    }

    private void learn(String member) {
        if (learnt.size() < MOST_LEARNT) {
            learnt.add(member);
        }
    }

    /** The kinds and learnt members a projection was made for. */
    private final class Current {
        final List<RecordKind> kinds;
        final int learnt;
        /** What the kinds read; null for everything. */
        final Set<String> required;
        final Projection projection;

        Current(List<RecordKind> kinds, int learnt, Set<String> required) {
            this.kinds = kinds;
            this.learnt = learnt;
            this.required = required;
            if (required == null) {
                this.projection = Projection.WHOLE;
            } else {
                Set<String> members = new HashSet<>(required);
                members.addAll(RecordRecognizer.this.learnt);
                this.projection = Projection.of(members, RecordRecognizer.this::learn);
            }
        }

        /** Whether a record read with {@code used} holds every member the kinds read now. */
        boolean covers(Projection used) {
            return used == projection || used.whole() || (required != null && used.keepsAll(required));
        }
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
        JsonNode json = whole(text);
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
        RecordEntry.Parsed parsed = (RecordEntry.Parsed) entry;
        JsonNode json = parsed.json();
        Projection projection = parsed.projection();
        if (!current().covers(projection)) {
            // read before a kind that reads other members came: the kinds must see all they read
            json = whole(entry.text());
            projection = Projection.WHOLE;
        }
        List<Event> events = events(json, entry.text(), instance, fallbackId);
        if (projection.whole()) {
            return markParsed(events, json, entry.text());
        }
        List<Event> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.add(e.detail() != json ? e : inPart(e, (ObjectNode) json, projection, entry.text()));
        }
        return out;
    }

    /**
     * An event whose detail is the record of which only some members were parsed: one that kept it
     * with its text as they are reads the rest from the text when asked; one that did not gets
     * the whole record as its detail.
     */
    private static Event inPart(Event e, ObjectNode members, Projection projection, String text) throws RecordException {
        if (!e.rawIsDetailText() && e.raw() == text) {
            return e.toBuilder().projected(members, projection, text).build();
        }
        return e.toBuilder().detail(whole(text)).build();
    }

    /** The tree of a record's whole text, or the reason it is not one JSON value, worded as a first read words it. */
    private static JsonNode whole(String text) throws RecordException {
        try {
            return Json.WHOLE.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RecordException(Json.problem(e, false), e);
        }
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
