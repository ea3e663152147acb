package dev.herald.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Serializes an {@link Event} compactly: the envelope fields in binary, the detail as JSON
 * (Jackson), and the raw text exactly as received. When the raw text is the detail's own JSON
 * (the text it was parsed from, or sources that have no original text), it is stored once, and
 * an event that {@link Event#rawIsDetailText() says so} is not written out again. What enrichers
 * added follows as JSON, only when there is some (older records have none).
 */
public final class EventCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final int VERSION = 1;
    private static final int RAW_IS_DETAIL = 1;
    private static final int HAS_ENRICHMENT = 2;

    private EventCodec() {
    }

    /** The event's serialized form in one array. */
    public static byte[] encode(Event e) {
        return encodeInParts(e).toByteArray();
    }

    /** The event's serialized form as the store's writer takes it: the text as received not copied again. */
    public static EncodedEvent encodeInParts(Event e) {
        return encodeInParts(e, e.id().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #encodeInParts(Event)} with the id's UTF-8 made already (the journal fingerprints the
     * id from the same bytes).
     */
    public static EncodedEvent encodeInParts(Event e, byte[] idUtf8) {
        if (e.rawIsDetailText()) {
            return encode(e, idUtf8, e.raw().getBytes(StandardCharsets.UTF_8), null);
        }
        byte[] detail;
        try {
            detail = JSON.writeValueAsBytes(e.detail());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("event " + e.id() + " has a detail Jackson cannot write", ex);
        }
        byte[] raw = e.raw().getBytes(StandardCharsets.UTF_8);
        return encode(e, idUtf8, detail, Arrays.equals(raw, detail) ? null : raw);
    }

    /** @param raw null when {@code detail} is the raw text too */
    private static EncodedEvent encode(Event e, byte[] idUtf8, byte[] detail, byte[] raw) {
        boolean same = raw == null;
        byte[] enrichment = null;
        if (!e.enrichment().isEmpty()) {
            try {
                enrichment = JSON.writeValueAsBytes(e.enrichment());
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException("event " + e.id() + " has an enrichment Jackson cannot write", ex);
            }
        }
        int headSize = 3 + utf8(idUtf8) + string(e.source()) + string(e.instance()) + string(e.type())
                + BinaryWriter.varLongSize(e.time().getEpochSecond()) + BinaryWriter.varLongSize(e.time().getNano())
                + BinaryWriter.varLongSize(detail.length);
        BinaryWriter head = new BinaryWriter(headSize);
        head.writeByte(VERSION).writeByte((same ? RAW_IS_DETAIL : 0) | (enrichment != null ? HAS_ENRICHMENT : 0))
                .writeUtf8(idUtf8).writeString(e.source()).writeString(e.instance()).writeString(e.type())
                .writeVarLong(e.time().getEpochSecond()).writeVarLong(e.time().getNano())
                .writeByte(e.severity().ordinal()).writeVarLong(detail.length);
        if (same && enrichment == null) {
            return new EncodedEvent(head.toByteArray(), detail, EncodedEvent.NONE);
        }
        BinaryWriter tail = new BinaryWriter((same ? 0 : bytes(raw)) + (enrichment == null ? 0 : bytes(enrichment)));
        if (!same) {
            tail.writeBytes(raw);
        }
        if (enrichment != null) {
            tail.writeBytes(enrichment);
        }
        return new EncodedEvent(head.toByteArray(), detail, tail.toByteArray());
    }

    /**
     * What a non-null ASCII string takes written by {@link BinaryWriter#writeString}; the writer
     * grows for one that is not (the envelope's strings are ASCII but for an odd id or type).
     */
    private static int string(String s) {
        return BinaryWriter.varLongSize(s.length() + 1L) + s.length();
    }

    /** What a string given as its UTF-8 takes written by {@link BinaryWriter#writeUtf8}. */
    private static int utf8(byte[] b) {
        return BinaryWriter.varLongSize(b.length + 1L) + b.length;
    }

    /** The size of bytes written by {@link BinaryWriter#writeBytes}. */
    private static int bytes(byte[] b) {
        return BinaryWriter.varLongSize(b.length) + b.length;
    }

    public static Event decode(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes);
        int version = r.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("stored event has format version " + version + ", expected " + VERSION);
        }
        int flags = r.readByte();
        Event.Builder b = Event.builder().id(r.readString()).source(r.readString())
                .instance(r.readString()).type(r.readString())
                .time(Instant.ofEpochSecond(r.readVarLong(), r.readVarLong()))
                .severity(SEVERITIES[r.readByte()]);
        byte[] detail = r.readBytes();
        boolean same = (flags & RAW_IS_DETAIL) != 0;
        byte[] raw = same ? detail : r.readBytes();
        try {
            if ((flags & HAS_ENRICHMENT) != 0) {
                b.enrichment((ObjectNode) JSON.readTree(r.readBytes()));
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            // the text was parsed when received: parse it again only for a reader that asks for the tree
            return (same ? b.parsedWhenRead(text) : b.detail(JSON.readTree(detail)).raw(text)).build();
        } catch (IOException ex) {
            throw new UncheckedIOException("stored event detail is not JSON", ex);
        }
    }
}
