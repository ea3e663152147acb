package dev.herald.source.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyFilterTest {
    private static final KeyFilter DEFAULT = KeyFilter.parse(TestConfig.config(TestConfig.properties("")).include());

    @Test
    void theDefaultReadsJsonLogsButNotDigestsOrFolders() {
        assertTrue(DEFAULT.matches("AWSLogs/1/CloudTrail/eu-west-1/2026/11/01/1_CloudTrail_eu-west-1_x.json.gz"));
        assertTrue(DEFAULT.matches("illumio/auditable_events/2026/11/03/a.jsonl.gz"));
        assertTrue(DEFAULT.matches("illumio/summaries/2026/11/03/b.log.gz"));
        assertTrue(DEFAULT.matches("top.json"));
        assertFalse(DEFAULT.matches("AWSLogs/1/CloudTrail-Digest/eu-west-1/2026/11/01/d.json.gz"));
        assertFalse(DEFAULT.matches("copied/1_CloudTrail-Digest_eu-west-1_main_eu-west-1_20261101T000000Z.json.gz"),
                "a digest file copied out of its folder");
        assertFalse(DEFAULT.matches("AWSLogs/1/CloudTrail/"));
        assertFalse(DEFAULT.matches("notes.txt"));
    }

    @Test
    void globsWithSlashMatchTheWholeKeyAndRegexesToo() {
        KeyFilter filter = KeyFilter.parse(new String[] {"AWSLogs/**/CloudTrail/**", "regex:illumio/summaries/.*\\.gz"});
        assertTrue(filter.matches("AWSLogs/1/CloudTrail/eu-west-1/x.json.gz"));
        assertFalse(filter.matches("other/AWSLogs/1/Config/x.json.gz"));
        assertTrue(filter.matches("illumio/summaries/2026/b.jsonl.gz"));
        assertFalse(filter.matches("illumio/auditable_events/2026/b.jsonl.gz"));
    }

    @Test
    void anInvalidOrEmptyIncludeNamesTheProperty() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyFilter.parse(new String[] {"regex:("}))
                .getMessage().startsWith("include pattern 'regex:('"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyFilter.parse(new String[] {" "}))
                .getMessage().startsWith("include is empty"));
    }
}
