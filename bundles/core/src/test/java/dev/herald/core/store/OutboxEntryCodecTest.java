package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outbox entries carry their routes, and entries of the previous version still read. */
class OutboxEntryCodecTest {

    /** An entry exactly as the previous version wrote it: no routes after the event's key. */
    private static BinaryWriter previousVersion(BinaryWriter w) {
        return w.writeVarLong(7).writeVarLong(1000).writeString("slack").writeString("root-logins")
                .writeByte(Severity.HIGH.ordinal()).writeVarLong(2).writeVarLong(900).writeVarLong(950)
                .writeString("503 from the peer").writeVarLong(42);
    }

    @Test
    void anEntryOfThePreviousVersionReadsAsSentByItsOneRoute() {
        OutboxEntry e = RecordCodec.outbox(previousVersion(new BinaryWriter(64)).toByteArray());

        assertEquals(new OutboxEntry(7, 1000, "slack", "root-logins", Severity.HIGH, 2, 900, 950,
                "503 from the peer", 42, null), e);
        assertEquals(List.of("root-logins"), e.routes());
    }

    @Test
    void aDeadLetterOfThePreviousVersionReadsAsSentByItsOneRoute() {
        BinaryWriter w = new BinaryWriter(96).writeVarLong(3).writeString("gave up").writeVarLong(2000);
        DeadLetter d = RecordCodec.deadLetter(previousVersion(w).toByteArray());

        assertEquals("gave up", d.reason());
        assertEquals(List.of("root-logins"), d.entry().routes());
        assertEquals(42, d.entry().eventKey());
    }

    @Test
    void anEntryOfOneRouteIsWrittenAsThePreviousVersionDid() {
        OutboxEntry e = new OutboxEntry(7, 1000, "slack", "root-logins", Severity.HIGH, 2, 900, 950,
                "503 from the peer", 42, null);

        assertArrayEquals(previousVersion(new BinaryWriter(64)).toByteArray(), RecordCodec.outbox(e),
                "an earlier version reading it back after a downgrade finds what it wrote");
    }

    @Test
    void theRoutesOfAnEntryAndOfItsDeadLetterSurviveTheStore() {
        OutboxEntry e = OutboxEntry.create(7, 1000, "slack", List.of("page-oncall", "a-low", "b-critical"),
                Severity.CRITICAL, 42).retryAt(2000, 1500, "503");

        OutboxEntry read = RecordCodec.outbox(RecordCodec.outbox(e));
        assertEquals(e, read);
        assertEquals(List.of("page-oncall", "a-low", "b-critical"), read.routes());
        assertEquals("page-oncall", read.route());
        DeadLetter d = RecordCodec.deadLetter(RecordCodec.deadLetter(new DeadLetter(3, e, "gave up", 2000)));
        assertEquals(e.routes(), d.entry().routes());
        assertEquals(e.routes(), d.entry().restart(8, 3000).routes(), "a dead letter sent again keeps them");
    }
}
