package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.QuarantineView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Quarantined records keep their truncated flag, and records stored before it existed still read. */
class QuarantineCodecTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    /** A record as stores written before the flag hold it. */
    private static byte[] withoutFlag(String content) {
        return new BinaryWriter(64).writeVarLong(7).writeString("logs").writeString("a.log:1").writeString("not JSON")
                .writeString(content).writeVarLong(AT.toEpochMilli()).toByteArray();
    }

    @Test
    void theFlagIsKept() {
        for (boolean truncated : new boolean[] {true, false}) {
            QuarantineView q = new QuarantineView(7, "logs", "a.log:1", "not JSON", "{", AT, truncated);
            assertEquals(q, RecordCodec.quarantine(RecordCodec.quarantine(q)));
        }
    }

    @Test
    void anOldRecordIsTruncatedWhenItsContentHasTheLengthTheJournalCutAt() {
        assertEquals(new QuarantineView(7, "logs", "a.log:1", "not JSON", "{oops", AT, false),
                RecordCodec.quarantine(withoutFlag("{oops")));
        assertFalse(RecordCodec.quarantine(withoutFlag("x".repeat(RecordCodec.LEGACY_CONTENT_CUT - 2))).truncated());
        assertTrue(RecordCodec.quarantine(withoutFlag("x".repeat(RecordCodec.LEGACY_CONTENT_CUT - 1))).truncated(),
                "cut before a surrogate pair");
        assertTrue(RecordCodec.quarantine(withoutFlag("x".repeat(RecordCodec.LEGACY_CONTENT_CUT))).truncated());
    }
}
