package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message is told by the selected line it ends with, whatever header precedes it. */
class LineIndexTest {

    @Test
    void aMessageEndingWithASelectedLineIsThatLineAndAnythingElseIsNone(@TempDir Path dir) throws Exception {
        Dataset data = Dataset.of(Workload.ILLUMIO, 5, 400, dir);
        LineIndex index = LineIndex.of(data);
        List<String> lines;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(data.file())), StandardCharsets.UTF_8))) {
            lines = in.lines().toList();
        }
        int selected = data.selected().nextSetBit(1);
        int notSelected = data.selected().nextClearBit(1);

        assertEquals(selected, index.lineOf(message(lines.get(selected - 1)), message(lines.get(selected - 1)).length));
        byte[] withLineFeed = message(lines.get(selected - 1) + "\n");
        assertEquals(selected, index.lineOf(withLineFeed, withLineFeed.length), "as syslog-ng sends it, with a line feed");
        byte[] other = message(lines.get(notSelected - 1));
        assertEquals(-1, index.lineOf(other, other.length), "a line the rule does not select");
        byte[] cut = message(lines.get(selected - 1));
        assertEquals(-1, index.lineOf(cut, cut.length - 1), "a line cut short");
        byte[] none = "<13>1 - vm - - - - no JSON here".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, index.lineOf(none, none.length));
    }

    /** The line as syslog-ng sends it: after an RFC 5424 header and its own structured data. */
    private static byte[] message(String line) {
        return ("<13>1 2026-12-04T04:36:43+00:00 vm - - - [meta sequenceId=\"1\"] " + line).getBytes(StandardCharsets.UTF_8);
    }
}
