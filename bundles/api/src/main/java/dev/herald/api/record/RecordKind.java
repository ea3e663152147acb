package dev.herald.api.record;

/**
 * The kinds of record Herald recognises; {@link #source()} is what {@link
 * dev.herald.api.Event#source()} says, and what routes and templates select on.
 */
public enum RecordKind {
    /** An Illumio PCE audit event ({@code href} under {@code /events/}, {@code event_type}). */
    PCE("pce"),
    /** An Illumio flow summary ({@code src_ip}, {@code dst_ip}, {@code dst_port}, {@code pd}). */
    ILLUMIO_FLOW("illumio-flow"),
    /** A CloudTrail record ({@code eventID}, {@code eventName}, {@code eventSource}). */
    CLOUDTRAIL("cloudtrail"),
    /**
     * A Security Hub finding: ASFF ({@code SchemaVersion}, {@code Id}, {@code ProductArn}), or
     * ASFF or OCSF findings in an EventBridge event from Security Hub.
     */
    SECURITYHUB("securityhub"),
    /** Any other JSON. */
    JSON("json");

    private final String source;

    RecordKind(String source) {
        this.source = source;
    }

    /** The event source name: {@code pce}, {@code illumio-flow}, {@code cloudtrail}, … */
    public String source() {
        return source;
    }
}
