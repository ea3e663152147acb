package dev.herald.source.s3;

/**
 * One S3 object to read.
 *
 * @param bucket the bucket
 * @param key    the key, decoded (as S3 stores it, not URL-encoded)
 */
record ObjectRef(String bucket, String key) {

    /** Where a record of it is, for the quarantine: {@code s3://bucket/key:line}. */
    String location(long number) {
        return "s3://" + bucket + "/" + key + ":" + number;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
