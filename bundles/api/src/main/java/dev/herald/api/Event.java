package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.record.Projection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One security event, immutable. Routes match on its {@link #envelope() JSON envelope}, shaped
 * like an EventBridge event; sinks may also send the untouched {@link #raw() original record}.
 *
 * <p>The {@link #detail()} tree is shared, not copied: callers must not modify it.
 */
public final class Event {
    /** Parses a detail given as text ({@link Builder#parsedWhenRead}); reading trees is thread-safe. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final String source;
    private final String instance;
    private final String type;
    private final Instant time;
    private final Severity severity;
    /** Null until first read when the builder had only the text ({@link Builder#parsedWhenRead}). */
    private volatile JsonNode detail;
    private final String raw;
    private final boolean rawIsDetailText;
    /** The members of the detail the source parsed, when it parsed only some ({@link Builder#projected}); else null. */
    private final ObjectNode members;
    /** Which members {@link #members} holds; null with it. */
    private final Projection projection;
    private final ObjectNode enrichment;

    private Event(Builder b) {
        this.id = require(b.id, "id");
        this.source = require(b.source, "source");
        this.instance = require(b.instance, "instance");
        this.type = b.type == null || b.type.isBlank() ? "unknown" : b.type;
        this.time = b.time == null ? Instant.now() : b.time;
        this.severity = b.severity == null ? Severity.INFO : b.severity;
        this.detail = b.detail == null && !b.parseWhenRead ? JsonNodeFactory.instance.objectNode() : b.detail;
        this.raw = b.raw == null ? this.detail.toString() : b.raw;
        this.rawIsDetailText = b.raw == null || b.rawIsDetailText;
        this.projection = b.projection;
        this.members = b.projection == null ? null : b.members;
        this.enrichment = b.enrichment == null ? JsonNodeFactory.instance.objectNode() : b.enrichment;
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an event needs a non-empty " + field);
        }
        return value;
    }

    /** Stable, source-derived identity (PCE href, CloudTrail eventID, …): the dedupe key. */
    public String id() { return id; }

    /**
     * What kind of record it is, whichever plugin read it: {@code pce} (Illumio PCE audit event),
     * {@code illumio-flow} (Illumio flow summary), {@code cloudtrail}, {@code securityhub} (ASFF or
     * OCSF finding), {@code json} (other JSON). Routes and templates select on it; the plugin
     * instance that read it is {@link #instance()}.
     */
    public String source() { return source; }

    /** The configured source instance that produced it. */
    public String instance() { return instance; }

    /** Vendor event type: PCE {@code event_type}, CloudTrail {@code eventName}, … */
    public String type() { return type; }

    /** When the event happened, as the vendor reports it. */
    public Instant time() { return time; }

    /** Normalised severity as the source saw it (routes may raise it). */
    public Severity severity() { return severity; }

    /**
     * The source record as parsed JSON. Shared: do not modify.
     *
     * @throws IllegalStateException when the event was built from its text alone ({@link
     *         Builder#parsedWhenRead}) and that text is not JSON
     */
    public JsonNode detail() {
        JsonNode d = detail;
        if (d == null) {
            // parsing the same text gives the same tree: threads that race here agree
            try {
                d = JSON.readTree(raw);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the detail of event " + id + " is not JSON: "
                        + e.getOriginalMessage(), e);
            }
            detail = d;
        }
        return d;
    }

    /**
     * The member {@code name} of the detail (a top-level field of the record), whole; null when it
     * has no such member or is not an object. Read as {@link #detailReader()} reads it: without
     * parsing the rest of the record when the source kept the member.
     */
    public JsonNode detailMember(String name) {
        return detailReader().member(name);
    }

    /**
     * Reads the detail member by member: for an event whose source parsed only the members the
     * pipeline reads ({@link Builder#projected}), from those, and any other from {@link #detail()},
     * telling the source so that it keeps that member of the records it reads next.
     */
    public DetailReader detailReader() {
        return detailParsedInPart() ? new DetailReader(this, List.of(), members, projection)
                : new DetailReader(this, List.of(), detail(), null);
    }

    /**
     * Whether the source parsed only some members of the detail (which is a JSON object then), so
     * that {@link #detailMember} is the cheaper way to read one.
     */
    public boolean detailParsedInPart() {
        return projection != null && detail == null;
    }

    /** The original record text exactly as received. */
    public String raw() { return raw; }

    /**
     * Whether {@link #raw()} is the JSON text {@link #detail()} was parsed from (or written as),
     * so that the text alone stands for both: the store keeps it once instead of writing the tree
     * out again.
     */
    public boolean rawIsDetailText() { return rawIsDetailText; }

    /**
     * What {@linkplain dev.herald.api.enrich.Enricher enrichers} added to the event (geo-IP, PCE
     * workloads, …), by field; empty when none did. Routes match on it as {@code enrichment} in
     * the envelope. Shared: do not modify.
     */
    public ObjectNode enrichment() { return enrichment; }

    /** The EventBridge-shaped envelope that routes match on, built on each call. */
    public ObjectNode envelope() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", id);
        n.put("source", source);
        n.put("instance", instance);
        n.put("type", type);
        n.put("time", time.toString());
        n.put("severity", severity.label());
        n.set("detail", detail());
        if (!enrichment.isEmpty()) {
            n.set("enrichment", enrichment);
        }
        return n;
    }

    /** A builder initialised with this event's values. */
    public Builder toBuilder() {
        Builder b = builder().id(id).source(source).instance(instance).type(type).time(time)
                .severity(severity).enrichment(enrichment);
        if (rawIsDetailText && detail == null) {
            return projection != null ? b.projected(members, projection, raw) : b.parsedWhenRead(raw);
        }
        return rawIsDetailText ? b.parsed(detail, raw) : b.detail(detail).raw(raw);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event && ((Event) o).id.equals(id)
                && ((Event) o).instance.equals(instance) && ((Event) o).raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, instance);
    }

    @Override
    public String toString() {
        return "Event[" + source + "/" + instance + " " + type + " " + id + " " + severity.label() + "]";
    }

    /** Builds an {@link Event}; {@code id}, {@code source} and {@code instance} are required. */
    public static final class Builder {
        private String id;
        private String source;
        private String instance;
        private String type;
        private Instant time;
        private Severity severity;
        private JsonNode detail;
        private String raw;
        private boolean rawIsDetailText;
        private boolean parseWhenRead;
        private ObjectNode members;
        private Projection projection;
        private ObjectNode enrichment;

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder source(String source) { this.source = source; return this; }
        public Builder instance(String instance) { this.instance = instance; return this; }
        public Builder type(String type) { this.type = type; return this; }
        public Builder time(Instant time) { this.time = time; return this; }
        public Builder severity(Severity severity) { this.severity = severity; return this; }
        public Builder detail(JsonNode detail) {
            this.detail = detail;
            this.rawIsDetailText = false;
            this.parseWhenRead = false;
            this.projection = null;
            return this;
        }

        public Builder raw(String raw) {
            this.raw = raw;
            this.rawIsDetailText = false;
            this.parseWhenRead = false;
            this.projection = null;
            return this;
        }
        /** What enrichers added; sources leave it unset (Herald's enrichment stage fills it). */
        public Builder enrichment(ObjectNode enrichment) { this.enrichment = enrichment; return this; }

        /**
         * The detail and the text Jackson parsed it from, unchanged (see {@link
         * Event#rawIsDetailText()}). Setting {@link #detail} or {@link #raw} afterwards undoes it.
         */
        public Builder parsed(JsonNode detail, String text) {
            this.detail = detail;
            this.raw = text;
            this.rawIsDetailText = true;
            this.parseWhenRead = false;
            this.projection = null;
            return this;
        }

        /**
         * As {@link #parsed}, with the detail parsed from {@code text} only when first read: for
         * JSON text that was parsed before (a stored event), whose readers often need only the
         * text (a sink that sends the record as received). Setting {@link #detail} or {@link
         * #raw} afterwards undoes it.
         */
        public Builder parsedWhenRead(String text) {
            this.detail = null;
            this.raw = Objects.requireNonNull(text, "text");
            this.rawIsDetailText = true;
            this.parseWhenRead = true;
            this.projection = null;
            return this;
        }

        /**
         * As {@link #parsedWhenRead}, for JSON object text of which the source parsed only the
         * members {@code projection} keeps: {@link Event#detailMember} reads those from {@code
         * members}, and the whole detail is parsed from the text when first read. Setting {@link
         * #detail} or {@link #raw} afterwards undoes it.
         *
         * @param members    the members kept, as parsed from {@code text}
         * @param projection which members {@code members} holds (those of them the text has)
         * @param text       the object's whole text
         */
        public Builder projected(ObjectNode members, Projection projection, String text) {
            parsedWhenRead(text);
            this.members = Objects.requireNonNull(members, "members");
            this.projection = Objects.requireNonNull(projection, "projection");
            return this;
        }

        /** @throws IllegalArgumentException when a required field is missing */
        public Event build() {
            return new Event(this);
        }
    }
}
