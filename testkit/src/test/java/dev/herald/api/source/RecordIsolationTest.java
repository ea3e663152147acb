package dev.herald.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.record.RecordException;
import dev.herald.testkit.journal.MemoryJournal;
import java.time.DateTimeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordIsolationTest {
    private final MemoryJournal journal = new MemoryJournal();
    private final RecordIsolation isolation = new RecordIsolation("src", journal);

    private static Event event(String id) {
        return Event.builder().id(id).source("json").instance("src").build();
    }

    @Test
    void aGoodRecordGivesItsEvents() {
        assertEquals(List.of(event("a")), isolation.events("here", "{}", () -> List.of(event("a"))));
        assertTrue(journal.quarantined().isEmpty());
    }

    @Test
    void aRecordExceptionIsQuarantinedWithItsMessageAsReason() {
        assertEquals(List.of(), isolation.events("f.json:3", "{\"x\":1}", () -> {
            throw new RecordException("CloudTrail record has no eventID");
        }));
        assertEquals(List.of(new MemoryJournal.Quarantined("src", "f.json:3", "CloudTrail record has no eventID",
                "{\"x\":1}", true)), journal.quarantined());
    }

    @Test
    void anyOtherExceptionIsQuarantinedWithWhatWasRaised() {
        List<RuntimeException> hostile = List.of(new NumberFormatException("For input string: \"9999999999999999999\""),
                new DateTimeException("Instant exceeds minimum or maximum instant"),
                new ArithmeticException("long overflow"), new ClassCastException(), new NullPointerException());
        for (int i = 0; i < hostile.size(); i++) {
            RuntimeException e = hostile.get(i);
            assertEquals(List.of(), isolation.events("record " + i, "{}", () -> {
                throw e;
            }));
        }
        assertEquals(hostile.size(), journal.quarantined().size());
        assertEquals("a value in the record is out of range or malformed (NumberFormatException: For input string:"
                + " \"9999999999999999999\")", journal.quarantined().get(0).reason());
        assertEquals("a value in the record is out of range or malformed (ClassCastException)",
                journal.quarantined().get(3).reason());
        assertEquals("record 4", journal.quarantined().get(4).location());
    }

    @Test
    void theSameRecordIsQuarantinedOncePerRun() {
        for (int i = 0; i < 3; i++) {
            isolation.events("w:1", "{}", () -> {
                throw new ArithmeticException("long overflow");
            });
        }
        isolation.events("w:1", "{\"other\":true}", () -> {
            throw new ArithmeticException("long overflow");
        });
        assertEquals(2, journal.quarantined().size(), "a second record at the same place is a new one");
    }

    @Test
    void aRecordWithNothingToConvertCannotBeRetried() {
        isolation.quarantine("w:2", "the result has no record", "Result(EventId=2)");
        assertEquals(List.of(new MemoryJournal.Quarantined("src", "w:2", "the result has no record", "Result(EventId=2)",
                false)), journal.quarantined());
    }
}
