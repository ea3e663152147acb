package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import java.util.List;

/** Recognises one kind of record and turns it into events. */
interface KindMapper {

    /** The kind it recognises. */
    RecordKind kind();

    /** Whether the object has this kind's identifying fields. */
    boolean accepts(JsonNode record);

    /**
     * The record's events (one, or one per finding of an envelope).
     *
     * @throws RecordException when a field the kind needs is missing or malformed
     */
    List<Event> events(JsonNode record, String raw, String instance, String fallbackId) throws RecordException;
}
