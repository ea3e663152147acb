package dev.herald.core.store;

import java.util.Arrays;

/**
 * An event's serialized form ({@link EventCodec}) as the three parts it was made of, one after
 * another: the envelope, the detail's JSON (the text as received, in the array it was encoded into
 * on arrival, where that text is the detail's) and what follows it (the raw text where it differs,
 * the enrichment). The store's writer copies a record's text once, into the block it compresses,
 * instead of into an array of the whole event first and then into the block: on CloudTrail-like
 * records of 1.3 KB that copy and its array were a quarter of the journal's preparation on the
 * source's thread and 12% of what that thread allocated.
 *
 * @param head   the envelope, ending with the detail's length
 * @param detail the detail's JSON
 * @param tail   what follows the detail; empty when nothing does
 */
public record EncodedEvent(byte[] head, byte[] detail, byte[] tail) {
    /** An empty part. */
    static final byte[] NONE = new byte[0];

    /** An event serialized into one array already. */
    static EncodedEvent whole(byte[] event) {
        return new EncodedEvent(event, NONE, NONE);
    }

    /** The length of the event's serialized form. */
    int length() {
        return head.length + detail.length + tail.length;
    }

    /** Writes the event's serialized form as {@link BinaryWriter#writeBytes} writes one array. */
    void writeTo(BinaryWriter w) {
        w.writeVarLong(length()).writeRaw(head).writeRaw(detail).writeRaw(tail);
    }

    /** The event's serialized form in one array. */
    byte[] toByteArray() {
        if (detail.length == 0 && tail.length == 0) {
            return head;
        }
        byte[] all = Arrays.copyOf(head, length());
        System.arraycopy(detail, 0, all, head.length, detail.length);
        System.arraycopy(tail, 0, all, head.length + detail.length, tail.length);
        return all;
    }
}
