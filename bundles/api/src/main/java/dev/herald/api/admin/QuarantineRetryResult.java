package dev.herald.api.admin;

/**
 * What retrying one quarantined record did ({@link HeraldAdmin#retryQuarantine}).
 *
 * @param id       the record's number in the quarantine
 * @param source   the source instance that quarantined it
 * @param location where it was
 * @param outcome  what happened
 * @param events   for {@link Outcome#CONVERTED}: how many events it made
 * @param fresh    for {@link Outcome#CONVERTED}: how many of them were new (the rest were duplicates)
 * @param detail   for {@link Outcome#STILL_UNREADABLE}: the new reason; for {@link Outcome#REFUSED}:
 *                 why it was not tried and what to do; else empty
 */
public record QuarantineRetryResult(long id, String source, String location, Outcome outcome, int events,
                                    int fresh, String detail) {

    /** What happened to a record. */
    public enum Outcome {
        /** The source read it now: its events went into the journal and it left the quarantine. */
        CONVERTED,
        /** The source still cannot read it: it stays, with the new reason. */
        STILL_UNREADABLE,
        /** It was not offered to the source (content truncated, no source to retry it, gone): it stays. */
        REFUSED
    }
}
