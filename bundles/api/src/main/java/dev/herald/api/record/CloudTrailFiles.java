package dev.herald.api.record;

/**
 * What CloudTrail writes besides log files: digest files ({@code
 * AWSLogs/<account>/CloudTrail-Digest/<region>/…/<account>_CloudTrail-Digest_<region>_<trail>_<region>_<time>.json.gz})
 * hold hashes for log file integrity validation, not events, and are never read as records.
 */
public final class CloudTrailFiles {
    private static final String DIGEST_FOLDER = "CloudTrail-Digest/";
    private static final String DIGEST_NAME = "_CloudTrail-Digest_";

    private CloudTrailFiles() {
    }

    /**
     * Whether a file or object is a CloudTrail digest file: it is under a {@code CloudTrail-Digest/}
     * folder, or its name says so (a digest file copied elsewhere).
     *
     * @param path an S3 key or a path relative to a watched directory, with {@code /} separators
     */
    public static boolean isDigest(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.startsWith(DIGEST_FOLDER) || path.contains("/" + DIGEST_FOLDER) || name.contains(DIGEST_NAME);
    }
}
