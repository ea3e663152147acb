package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceCodecTest {

    @Test
    void aSilenceReadsBackAsWritten() {
        Silence s = new Silence(7, "{\"type\":[\"ConsoleLogin\"]}", List.of("mail", "slack"), 1000, 5000,
                "CHG-1 ünïcode", null, null);
        assertEquals(s, RecordCodec.silence(RecordCodec.silence(s)));
        Silence expired = s.expire(2000, "bob");
        assertEquals(expired, RecordCodec.silence(RecordCodec.silence(expired)));
    }

    @Test
    void countersWrittenBeforeSilencedExistedReadItAsZero() {
        long[] old = {1, 2, 3, 4, 5, 6, 7, 8};
        BinaryWriter w = new BinaryWriter(16);
        for (long v : old) {
            w.writeVarLong(v);
        }
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 0}, RecordCodec.counters(w.toByteArray()));
    }
}
