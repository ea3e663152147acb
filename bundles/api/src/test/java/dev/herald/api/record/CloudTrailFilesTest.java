package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CloudTrailFilesTest {

    @Test
    void digestFilesAreRecognisedByTheirFolderOrTheirName() {
        assertTrue(CloudTrailFiles.isDigest("AWSLogs/123456789012/CloudTrail-Digest/eu-west-1/2026/11/01/x.json.gz"));
        assertTrue(CloudTrailFiles.isDigest(
                "123456789012_CloudTrail-Digest_eu-west-1_main_eu-west-1_20261101T000000Z.json.gz"), "copied flat");
        assertTrue(CloudTrailFiles.isDigest("inbox/123456789012_CloudTrail-Digest_us-east-1_t_us-east-1_20261101T0000Z.json"));
        assertFalse(CloudTrailFiles.isDigest("AWSLogs/123456789012/CloudTrail/eu-west-1/2026/11/01/"
                + "123456789012_CloudTrail_eu-west-1_20261101T0005Z_a.json.gz"));
        assertFalse(CloudTrailFiles.isDigest("notes/CloudTrail-Digest.md"), "only the folder or the file name pattern");
    }
}
