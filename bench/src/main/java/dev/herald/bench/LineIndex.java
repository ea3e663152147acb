package dev.herald.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Which line of a dataset a forwarded message holds, told by the line's text: for a forwarder that
 * cannot put the line's number into the message (syslog-ng does not count lines, and flow summaries
 * have no id of their own). Only the selected lines are indexed, by a 64-bit FNV-1a hash of their
 * bytes: among a million generated lines a collision of two such hashes is not to be expected,
 * and two selected lines of the same text (which the receiver could not tell apart) fail the index.
 */
final class LineIndex {
    private final Map<Long, Integer> lines;

    private LineIndex(Map<Long, Integer> lines) {
        this.lines = lines;
    }

    /** Reads the dataset once and indexes the lines its rule selects. */
    static LineIndex of(Dataset data) throws IOException {
        Map<Long, Integer> lines = new HashMap<>(data.expected() * 2);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(data.file()), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (data.selected().get(number)) {
                    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    Integer same = lines.put(hash(bytes, 0, bytes.length), number);
                    if (same != null) {
                        throw new IllegalStateException("lines " + same + " and " + number + " of " + data.file()
                                + " hash alike: a receiver telling lines by their text cannot tell these apart");
                    }
                }
            }
        }
        return new LineIndex(lines);
    }

    /**
     * The number of the selected line that a message ends with: the message's bytes from its first
     * {@code {}, where a JSON line starts (no field of a syslog header or of Herald's structured data
     * holds one), to its end, but for a line feed there (syslog-ng ends its messages with one; no
     * line ends with one); -1 when it holds none of them.
     */
    long lineOf(byte[] message, int length) {
        int end = length > 0 && message[length - 1] == '\n' ? length - 1 : length;
        for (int i = 0; i < end; i++) {
            if (message[i] == '{') {
                Integer line = lines.get(hash(message, i, end));
                return line == null ? -1 : line;
            }
        }
        return -1;
    }

    private static long hash(byte[] bytes, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h = (h ^ (bytes[i] & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
