package dev.herald.source.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * How far a file has been read: the position committed with each batch, under the checkpoint
 * stream named after the file. Encoded as a small JSON document, e.g.
 * {@code {"through":1000,"size":52311,"mtime":"2026-11-22T10:00:03.118Z","head":"3f9a2c1b","done":false}}:
 * <ul>
 *   <li>{@code through}: the records up to this line (JSON Lines) or record number (other
 *       layouts) are committed; a restart skips them and goes on after it;</li>
 *   <li>{@code size}, {@code mtime}: the file as it was when read; a finished file ({@code done})
 *       with the same size and modification time is not read again;</li>
 *   <li>{@code head}: the CRC of the file's first bytes, see {@link FileHead}: a plain file that
 *       grew and still starts the same was appended to and is read on after {@code through};
 *       any other change means the file was replaced and is read again from its start.</li>
 * </ul>
 */
record FilePosition(long through, long size, Instant mtime, String head, boolean done) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the file is still as it was when this position was committed. */
    boolean sameVersion(FoundFile file) {
        return size == file.size() && mtime.equals(file.mtime());
    }

    String encode() {
        return JSON.createObjectNode().put("through", through).put("size", size).put("mtime", mtime.toString())
                .put("head", head).put("done", done).toString();
    }

    /**
     * @return empty when there is no position or it is not one this source wrote (the file is then
     *         read from its start)
     */
    static Optional<FilePosition> decode(String position) {
        if (position == null) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(position);
            if (!n.path("through").canConvertToLong() || !n.path("size").canConvertToLong()
                    || !n.path("mtime").isTextual() || !n.path("head").isTextual() || !n.path("done").isBoolean()) {
                return Optional.empty();
            }
            return Optional.of(new FilePosition(n.get("through").asLong(), n.get("size").asLong(),
                    Instant.parse(n.get("mtime").asText()), n.get("head").asText(), n.get("done").asBoolean()));
        } catch (IOException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
