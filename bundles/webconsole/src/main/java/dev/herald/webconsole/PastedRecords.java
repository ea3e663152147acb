package dev.herald.webconsole;

import dev.herald.api.Event;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records pasted or uploaded for a route test (JSON Lines, JSON documents or arrays, a CloudTrail
 * log file), turned into events the way Herald's sources read them.
 */
final class PastedRecords {

    private static final RecordRecognizer RECOGNIZER = new RecordRecognizer();

    /** What the text held: its events, and why the records that are not events are not. */
    record Parsed(List<Event> events, List<String> unreadable) {
    }

    private PastedRecords() {
    }

    static Parsed parse(String text, String instance) throws IOException {
        List<Event> events = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (RecordEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (entry instanceof RecordEntry.Parsed parsed) {
                    try {
                        events.addAll(RECOGNIZER.events(parsed.json(), parsed.text(), instance, "pasted:" + entry.number()));
                    } catch (RecordException e) {
                        unreadable.add("record " + entry.number() + ": " + e.getMessage());
                    }
                } else if (entry instanceof RecordEntry.Malformed malformed) {
                    unreadable.add("record " + entry.number() + ": " + malformed.reason());
                }
            }
        }
        return new Parsed(events, unreadable);
    }
}
