package dev.herald.source.file;

import static dev.herald.source.file.TestConfig.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FileSourceSettingsTest {
    private static final Path HOME = Path.of("/opt/herald");

    @Test
    void defaultsAndARelativeDirectoryUnderTheHeraldHome() {
        FileSourceSettings s = FileSourceSettings.from(config("name", " demo ", "directory", "demo/inbox"), HOME);

        assertEquals("demo", s.name());
        assertEquals(Path.of("/opt/herald/demo/inbox"), s.directory());
        assertEquals(Duration.ofSeconds(2), s.pollInterval());
        assertEquals(500, s.settleMillis());
        assertEquals(1000, s.limits().batchSize());
        assertEquals(1024 * 1024, s.limits().maxRecordBytes());
        assertEquals("*.json, *.jsonl, *.json.gz, *.jsonl.gz", s.include().toString());
        assertNull(s.pointers().id());
        assertEquals("/time", s.pointers().time().toString());
    }

    @Test
    void anAbsoluteDirectoryStaysAndIncludeValuesMayHoldCommaSeparatedLists() {
        FileSourceSettings s = FileSourceSettings.from(config("name", "n", "directory", "/data/logs",
                "include", new String[] {"*.ndjson, AWSLogs/**/*.json.gz", " "}), HOME);

        assertEquals(Path.of("/data/logs"), s.directory());
        assertTrue(s.include().matches(Path.of("x/y/events.ndjson")));
        assertTrue(s.include().matches(Path.of("AWSLogs/123/CloudTrail/eu-west-1/a.json.gz")));
        assertFalse(s.include().matches(Path.of("other/a.json.gz")));
        assertFalse(s.include().matches(Path.of("events.json")));
    }

    @Test
    void invalidValuesAreRejectedNamingThePropertyAndTheFix() {
        assertRejected("name is missing", config("directory", "x"));
        assertRejected("directory is missing", config("name", "n", "directory", " "));
        assertRejected("poll_interval = 0 is out of range", config("name", "n", "directory", "x", "poll_interval", 0));
        assertRejected("settle_time = -1 is out of range", config("name", "n", "directory", "x", "settle_time", -1L));
        assertRejected("batch_size = 0 is out of range: use 1 to 100000", config("name", "n", "directory", "x", "batch_size", 0));
        assertRejected("batch_size = 100001 is out of range", config("name", "n", "directory", "x", "batch_size", 100_001));
        assertRejected("id_pointer = 'eventId' is not a JSON pointer", config("name", "n", "directory", "x", "id_pointer", "eventId"));
        assertRejected("max_record_bytes = 1023 is out of range: give the longest record to read in bytes, 1024 to",
                config("name", "n", "directory", "x", "max_record_bytes", 1023));
        assertRejected("include is empty", config("name", "n", "directory", "x", "include", new String[] {" , "}));
        assertRejected("include pattern '[a' is not a valid glob", config("name", "n", "directory", "x", "include", new String[] {"[a"}));
        assertRejected("directory = 'a\0b' is not a valid path", config("name", "n", "directory", "a\0b"));
    }

    private static void assertRejected(String start, FileSource.Config config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileSourceSettings.from(config, HOME));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
