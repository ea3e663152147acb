package dev.herald.api.admin;

import java.time.Instant;

/**
 * A record a source could not read.
 *
 * @param id        its number in the quarantine
 * @param source    the source instance
 * @param location  where it was (file and line, bucket/key and line)
 * @param reason    what is wrong
 * @param content   the offending text, possibly truncated
 * @param at        when it was quarantined
 * @param truncated whether {@code content} is not the whole record (cut to fit the quarantine, or
 *                  only the part the source could read): such a record cannot be retried
 */
public record QuarantineView(long id, String source, String location, String reason,
                             String content, Instant at, boolean truncated) {

    /** A record whose content is whole. */
    public QuarantineView(long id, String source, String location, String reason, String content, Instant at) {
        this(id, source, location, reason, content, at, false);
    }
}
