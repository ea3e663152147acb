package dev.herald.webconsole;

import dev.herald.api.Event;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKinds;
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

    /** What the text held: its events, and why the records that are not events are not. */
    record Parsed(List<Event> events, List<String> unreadable) {
    }

    private PastedRecords() {
    }

    /** The events of the records in {@code text}, recognised among {@code kinds} as a source would. */
    static Parsed parse(String text, String instance, RecordKinds kinds) throws IOException {
        RecordRecognizer recognizer = kinds.recognizer();
        List<Event> events = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (RecordEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (entry instanceof RecordEntry.Parsed parsed) {
                    try {
                        events.addAll(recognizer.events(parsed.json(), parsed.text(), instance, "pasted:" + entry.number()));
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
