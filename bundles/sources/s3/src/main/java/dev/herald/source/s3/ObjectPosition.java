package dev.herald.source.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * How far an object has been read, committed with each batch under the checkpoint stream named
 * after the object, e.g. {@code {"through":2000,"etag":"\"9b2cf535f27731c974343645a3985328\"","done":false}}:
 * the records up to this line (JSON Lines) or record number (CloudTrail files) are committed. The
 * ETag tells a replaced object (read again from its start) from the one the position belongs to.
 */
record ObjectPosition(long through, String etag, boolean done) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where to resume reading this version of the object: 0 for another version. */
    long resumeAfter(String currentEtag) {
        return etag.equals(currentEtag) ? through : 0;
    }

    /** Whether this version of the object was read to its end. */
    boolean finished(String currentEtag) {
        return done && etag.equals(currentEtag);
    }

    String encode() {
        return JSON.createObjectNode().put("through", through).put("etag", etag).put("done", done).toString();
    }

    /** @return empty when there is no position or it is not one this source wrote */
    static Optional<ObjectPosition> decode(String position) {
        if (position == null) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(position);
            if (n == null || !n.path("through").canConvertToLong() || !n.path("etag").isTextual()
                    || !n.path("done").isBoolean()) {
                return Optional.empty();
            }
            return Optional.of(new ObjectPosition(n.get("through").asLong(), n.get("etag").asText(),
                    n.get("done").asBoolean()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
