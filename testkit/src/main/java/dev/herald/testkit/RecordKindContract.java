package dev.herald.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.herald.api.Event;
import dev.herald.api.record.JsonPointers;
import dev.herald.api.record.Projection;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a record kind that names the members it reads ({@link RecordKind#membersRead()}) promises:
 * given a record holding only those members, as a source that parses records in part gives it, it
 * accepts the same records and makes the same events as from the whole record. A kind's test runs
 * it over records of every shape the kind knows.
 *
 * <pre>{@code
 * RecordKindContract.assertReadsOnlyTheMembersItNames(new AcmeAuditKind(), line);
 * }</pre>
 */
public final class RecordKindContract {
    /** No generic pointers: the projection keeps the kind's members and nothing else. */
    private static final JsonPointers NONE = new JsonPointers(null, null, null, null);

    private RecordKindContract() {
    }

    /**
     * Fails when {@code kind} reads of the JSON object {@code record} a member it does not name: the
     * events it makes of the record parsed in part (or the error it raises) differ from those of the
     * record parsed whole, in id, kind, type, time, severity, raw text or detail.
     */
    public static void assertReadsOnlyTheMembersItNames(RecordKind kind, String record) {
        assertNotNull(kind.membersRead(), kind.name() + " names no members: its records are always parsed whole");
        RecordRecognizer recognizer = new RecordRecognizer(RecordKinds.of(kind), NONE);
        RecordEntry.Parsed inPart = read(record, recognizer::projection);
        assertEquals(recognizer.projection(), inPart.projection(), "parsed in part");
        assertEquals(outcome(kind, recognizer, read(record, () -> Projection.WHOLE)), outcome(kind, recognizer, inPart),
                () -> kind.name() + " reads a member it does not name in membersRead() " + kind.membersRead()
                        + " (expected: parsed in part, actual: parsed whole) of " + record);
    }

    /** Whether the kind accepts the entry, and the events as text or the error: what the kind made of it. */
    private static List<String> outcome(RecordKind kind, RecordRecognizer recognizer, RecordEntry.Parsed entry) {
        List<String> out = new ArrayList<>();
        if (!kind.accepts(entry.json())) {
            return List.of("not accepted");
        }
        try {
            for (Event e : recognizer.events(entry, "contract", "record:1")) {
                out.add(String.join(" | ", e.id(), e.source(), e.type(), e.time().toString(), e.severity().label(),
                        e.raw(), e.detail().toString()));
            }
        } catch (RecordException e) {
            out.add("error: " + e.getMessage());
        }
        return out;
    }

    /** The record as a source reads it, keeping what {@code projection} gives. */
    private static RecordEntry.Parsed read(String record, Supplier<Projection> projection) {
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)),
                RecordReader.DEFAULT_MAX_RECORD_BYTES, projection)) {
            return assertInstanceOf(RecordEntry.Parsed.class, reader.next(), record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
