package dev.herald.api;

import java.util.Objects;

/**
 * How far a source has read one of its streams, as an opaque string the source alone
 * understands (a timestamp, an S3 key, a byte offset, a small JSON document).
 *
 * <p>A source with one stream (the PCE events API) uses {@link #of(String)}; a source with many
 * (a directory of files, an S3 bucket's objects) names each stream, so that the journal keeps a
 * position per file or object and the commit of a batch moves only that one.
 *
 * @param stream   which of the source's streams; {@code ""} for a source with one
 * @param position the source's encoding of where to resume; never null
 */
public record Checkpoint(String stream, String position) {
    public Checkpoint {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(position, "position");
    }

    /** A checkpoint for a source with a single stream. */
    public static Checkpoint of(String position) {
        return new Checkpoint("", position);
    }
}
