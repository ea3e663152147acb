package dev.herald.sink.syslog;

/**
 * The messages of one batch, framed for a stream one after the other in one buffer (written with
 * one write), each also reachable alone (one datagram each). Used again for every batch.
 */
final class Frames {
    /** What a batch may keep between batches; one of huge messages lets the rest go. */
    private static final int KEEP_BYTES = 1 << 20;

    private final Framing framing;
    private final Bytes data = new Bytes(64 * 1024);
    private int[] starts = new int[16];
    private int[] lengths = new int[16];
    private int count;

    /** @param framing null for none (UDP: one datagram per message) */
    Frames(Framing framing) {
        this.framing = framing;
    }

    /** Forgets the previous batch. */
    void clear() {
        data.clear(KEEP_BYTES);
        count = 0;
    }

    /** Appends a message, framed. */
    void add(Bytes message) {
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            lengths = java.util.Arrays.copyOf(lengths, count * 2);
        }
        if (framing != null) {
            framing.prefix(message.length(), data);
        }
        starts[count] = data.length();
        lengths[count] = message.length();
        count++;
        data.append(message.array(), 0, message.length());
        if (framing != null) {
            framing.suffix(data);
        }
    }

    int count() {
        return count;
    }

    /** The buffer that holds the frames, and each message at {@link #start}. */
    byte[] array() {
        return data.array();
    }

    /** The length of every frame together. */
    int length() {
        return data.length();
    }

    int start(int message) {
        return starts[message];
    }

    int length(int message) {
        return lengths[message];
    }
}
