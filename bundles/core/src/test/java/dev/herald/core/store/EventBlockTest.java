package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class EventBlockTest {

    /** Blocks of layout 1 (deflate), which stores written before layout 2 hold, are read back whole. */
    @Test
    void deflatedBlocksOfLayoutOneAreWhatAFreshDeflaterMakesAndReadBackWhole() throws Exception {
        for (List<RetainedEvent> events : blocks()) {
            byte[] stored = EventBlock.encodeDeflated(entries(events)).stored();

            BinaryReader header = new BinaryReader(stored);
            assertEquals(events.size(), header.readVarInt());
            header.readVarLong();
            header.readVarLong();
            int plainLength = header.readVarInt();
            byte[] packed = Arrays.copyOfRange(stored, header.position(), stored.length);
            assertArrayEquals(freshDeflate(plain(events)), packed);
            assertEquals(plain(events).length, plainLength);

            assertReadBack(events, stored);
        }
    }

    /** Layout 2: a 0 byte, codec 1, the plain header, then the body as one Zstandard frame. */
    @Test
    void blocksAreWrittenInLayoutTwoWithTheBodyAsOneZstandardFrame() {
        assertTrue(Zstandard.available(), "zstd-jni has a native library for the platforms Herald is built on");
        for (List<RetainedEvent> events : blocks()) {
            byte[] stored = EventBlock.encode(entries(events)).stored();

            BinaryReader header = new BinaryReader(stored);
            assertEquals(0, header.readByte());
            assertEquals(1, header.readByte());
            assertEquals(events.size(), header.readVarInt());
            assertEquals(events.get(0).received(), header.readVarLong());
            assertEquals(events.get(events.size() - 1).received(), header.readVarLong());
            int plainLength = header.readVarInt();
            assertEquals(plain(events).length, plainLength);
            byte[] frame = Arrays.copyOfRange(stored, header.position(), stored.length);
            assertArrayEquals(plain(events), Zstd.decompress(frame, plainLength));

            assertEquals(new EventBlock.Header(events.size(), events.get(0).received(),
                    events.get(events.size() - 1).received()), EventBlock.header(stored));
            assertReadBack(events, stored);
        }
    }

    @Test
    void theEmptyBlockThatEndsTheLogIsOfLayoutTwoWithNoCodecAndHoldsNothing() {
        byte[] last = EventBlock.last();
        // a count of 0 written first (layout 1) would be read as layout 2's marker
        assertEquals(0, last[0]);
        assertEquals(0, last[1], "no codec: there is no body to compress");
        EventBlock.Header h = EventBlock.header(last);
        assertEquals(0, h.count());
        assertEquals(Long.MAX_VALUE, h.firstReceived(), "a reader by time stops at it");
        assertTrue(EventBlock.decode(42, last).isEmpty());
    }

    @Test
    void aBlockCutShortOrOfAnUnknownCodecIsAnErrorThatSaysSo() {
        List<RetainedEvent> events = blocks().get(0);
        byte[] stored = EventBlock.encode(entries(events)).stored();
        byte[] cut = Arrays.copyOf(stored, stored.length - 5);
        assertThrows(IllegalStateException.class, () -> EventBlock.decode(1, cut));

        byte[] unknown = stored.clone();
        unknown[1] = 9;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EventBlock.header(unknown));
        assertTrue(e.getMessage().contains("codec 9"), e.getMessage());
    }

    private static List<List<RetainedEvent>> blocks() {
        Random random = new Random(7);
        return List.of(block(1, 40, random, false), block(41, 3, random, true), block(44, 1, random, false),
                block(45, 200, random, true), block(245, 512, random, false));
    }

    private static void assertReadBack(List<RetainedEvent> events, byte[] stored) {
        List<RetainedEvent> read = EventBlock.decode(events.get(0).key(), stored);
        assertEquals(events.size(), read.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i).key(), read.get(i).key());
            assertEquals(events.get(i).received(), read.get(i).received());
            assertEquals(events.get(i).routes(), read.get(i).routes());
            assertArrayEquals(events.get(i).event(), read.get(i).event());
        }
    }

    /** An inflated block gives any one event, in any order, as the whole decode does, and its serialized form alone. */
    @Test
    void anInflatedBlockDecodesOneEventAtATime() {
        Random random = new Random(11);
        for (List<RetainedEvent> events : List.of(block(100, 57, random, false), block(200, 9, random, true))) {
            EventBlock.Inflated in = EventBlock.inflate(events.get(0).key(), EventBlock.encode(entries(events)).stored());
            assertEquals(events.size(), in.count());
            for (int i = events.size() - 1; i >= 0; i -= 2) {
                RetainedEvent e = in.event(i);
                assertEquals(events.get(i).key(), e.key());
                assertEquals(events.get(i).received(), e.received());
                assertEquals(events.get(i).routes(), e.routes());
                assertArrayEquals(events.get(i).event(), e.event());
                assertArrayEquals(events.get(i).event(), in.serialized(i));
            }
        }
    }

    /** The plain block an encoding gives with the stored one reads as the stored one inflated. */
    @Test
    void theEncodedPlainBlockIsTheStoredOneInflated() {
        Random random = new Random(3);
        for (List<RetainedEvent> events : List.of(block(300, 41, random, false), block(400, 3, random, true))) {
            for (EventBlock.Encoded encoded : List.of(EventBlock.encode(entries(events)), EventBlock.encodeDeflated(entries(events)))) {
                EventBlock.Inflated stored = EventBlock.inflate(events.get(0).key(), encoded.stored());
                EventBlock.Inflated plain = encoded.plain();
                assertEquals(events.get(0).key(), plain.firstKey());
                assertEquals(stored.count(), plain.count());
                for (int i = 0; i < events.size(); i++) {
                    assertEquals(stored.event(i).key(), plain.event(i).key());
                    assertEquals(stored.event(i).received(), plain.event(i).received());
                    assertEquals(stored.event(i).routes(), plain.event(i).routes());
                    assertArrayEquals(stored.serialized(i), plain.serialized(i));
                }
            }
        }
    }

    /** A reader inflates each block into the array of the block before: what it reads is the new block's alone. */
    @Test
    void aBlockInflatedIntoTheArrayOfAnotherReadsAsItself() {
        Random random = new Random(5);
        List<RetainedEvent> small = block(1, 4, random, false);
        List<RetainedEvent> large = block(5, 150, random, true);
        List<RetainedEvent> smallAgain = block(155, 2, random, false);
        EventBlock.Inflated in = EventBlock.inflate(1, EventBlock.encode(entries(small)).stored(), null);
        for (List<RetainedEvent> events : List.of(large, smallAgain, small)) {
            in = EventBlock.inflate(events.get(0).key(), EventBlock.encode(entries(events)).stored(), in);
            assertEquals(events.size(), in.count());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(events.get(i).key(), in.event(i).key());
                assertArrayEquals(events.get(i).event(), in.serialized(i));
            }
        }
    }

    @Test
    void skippingPassesOverWhatReadingReads() {
        byte[] written = new BinaryWriter(16).writeBytes(new byte[200]).writeString("héllo").writeString(null)
                .writeVarLong(7).toByteArray();
        BinaryReader r = new BinaryReader(written);
        r.skipBytes();
        r.skipString();
        r.skipString();
        assertEquals(7, r.readVarLong());
        assertEquals(written.length, r.position());
    }

    /**
     * The store's writer hands events over in parts ({@link EventCodec#encodeInParts}: the
     * envelope, the text as it arrived, what follows): the block is the same, byte for byte, as one
     * of the same events serialized whole.
     */
    @Test
    void eventsGivenInPartsAreWrittenAsTheSameEventsGivenWhole() {
        Random random = new Random(7);
        for (List<RetainedEvent> events : blocks()) {
            List<EventBlock.Entry> inParts = new ArrayList<>();
            for (RetainedEvent e : events) {
                byte[] all = e.event();
                int a = random.nextInt(all.length + 1);
                int b = a + random.nextInt(all.length - a + 1);
                inParts.add(new EventBlock.Entry(e.key(), e.received(), e.routes(), new EncodedEvent(
                        Arrays.copyOfRange(all, 0, a), Arrays.copyOfRange(all, a, b), Arrays.copyOfRange(all, b, all.length))));
            }
            byte[] stored = EventBlock.encode(inParts).stored();
            assertArrayEquals(EventBlock.encode(entries(events)).stored(), stored);
            assertReadBack(events, stored);
        }
    }

    /** Events as read from a block, to be written into one again. */
    static List<EventBlock.Entry> entries(List<RetainedEvent> events) {
        return events.stream()
                .map(e -> new EventBlock.Entry(e.key(), e.received(), e.routes(), EncodedEvent.whole(e.event())))
                .toList();
    }

    /** Events that look alike (compressible), or random bytes that deflate to more than they were. */
    private static List<RetainedEvent> block(long firstKey, int count, Random random, boolean incompressible) {
        List<RetainedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] event;
            if (incompressible) {
                event = new byte[300 + random.nextInt(300)];
                random.nextBytes(event);
            } else {
                event = ("{\"eventID\":\"" + random.nextLong() + "\",\"eventName\":\"CreateUser\",\"é\":\"東京\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            events.add(new RetainedEvent(firstKey + i, 1_700_000_000_000L + i * 7L,
                    i % 3 == 0 ? List.of() : List.of("route-" + i % 2, "admins"), event));
        }
        return events;
    }

    /** The body as the layout describes it, written here independently. */
    private static byte[] plain(List<RetainedEvent> events) {
        BinaryWriter body = new BinaryWriter(64);
        for (RetainedEvent e : events) {
            body.writeVarLong(e.received() - events.get(0).received()).writeVarLong(e.routes().size());
            e.routes().forEach(body::writeString);
            body.writeBytes(e.event());
        }
        return body.toByteArray();
    }

    private static byte[] freshDeflate(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, d)) {
            z.write(plain);
        } finally {
            d.end();
        }
        return out.toByteArray();
    }
}
