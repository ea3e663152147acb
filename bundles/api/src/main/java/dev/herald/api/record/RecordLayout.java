package dev.herald.api.record;

/** How a stream of records is laid out, as {@link RecordReader} detects it from its beginning. */
public enum RecordLayout {
    /**
     * One JSON value per line (JSON Lines / NDJSON, Illumio's S3 exports). A line that is not
     * JSON is reported on its own; the next line is read normally. Entries are numbered by line.
     */
    JSON_LINES,
    /**
     * One or more JSON values that span lines (a pretty-printed EventBridge event, the output of
     * {@code jq .}). Each top-level value is a record, numbered from 1.
     */
    JSON_DOCUMENT,
    /** A JSON array: each element is a record, numbered from 1. */
    JSON_ARRAY,
    /**
     * A CloudTrail log file, {@code {"Records":[ … ]}}: each element of {@code Records} is a
     * record, numbered from 1; the file's other fields are ignored.
     */
    CLOUDTRAIL_RECORDS
}
