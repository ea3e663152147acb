package dev.herald.shell;

import dev.herald.api.Event;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordLayout;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.karaf.shell.api.console.Session;

/**
 * Turns a file of records (JSON Lines, JSON documents or arrays, a CloudTrail log file; gzipped
 * or not) into events the way Herald's sources do, one record at a time.
 */
final class EventFile {

    private EventFile() {
    }

    /**
     * The file a command was given: relative to the console's current directory when there is a
     * session (there is none when a command runs outside a console, e.g. in a test).
     *
     * @throws IllegalArgumentException when it is not a readable file
     */
    static Path resolve(Session session, String file) {
        Path path = Path.of(file);
        if (!path.isAbsolute() && session != null && session.currentDir() != null) {
            path = session.currentDir().resolve(path);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("no readable file " + path.toAbsolutePath().normalize());
        }
        return path;
    }

    /**
     * Reads every record of the file.
     *
     * @param instance   the source instance the events are said to come from
     * @param kinds      the record kinds to recognise
     * @param events     receives each event, in file order
     * @param unreadable receives where a record is ({@code line 7}, {@code record 3}) and why it
     *                   cannot become an event
     * @return the layout the file turned out to have
     */
    static RecordLayout read(Path path, String instance, RecordKinds kinds, Consumer<Event> events,
                             BiConsumer<String, String> unreadable) throws IOException {
        RecordRecognizer recognizer = kinds.recognizer();
        try (RecordReader reader = RecordReader.open(decompressed(Files.newInputStream(path)))) {
            String unit = reader.layout() == RecordLayout.JSON_LINES ? "line " : "record ";
            String name = String.valueOf(path.getFileName());
            for (RecordEntry entry = reader.next(); entry != null; entry = reader.next()) {
                String location = unit + entry.number();
                if (entry instanceof RecordEntry.Parsed parsed) {
                    try {
                        recognizer.events(parsed.json(), parsed.text(), instance, name + ":" + entry.number())
                                .forEach(events);
                    } catch (RecordException e) {
                        unreadable.accept(location, e.getMessage());
                    }
                } else if (entry instanceof RecordEntry.Malformed malformed) {
                    unreadable.accept(location, malformed.reason());
                }
            }
            return reader.layout();
        }
    }

    /** The stream, gunzipped when it starts with gzip's magic bytes (CloudTrail's .json.gz). */
    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new GZIPInputStream(in) : in;
    }

    /** How a layout is named to the operator. */
    static String describe(RecordLayout layout) {
        return switch (layout) {
            case JSON_LINES -> "JSON Lines";
            case JSON_DOCUMENT -> "JSON";
            case JSON_ARRAY -> "JSON array";
            case CLOUDTRAIL_RECORDS -> "CloudTrail log file";
        };
    }
}
