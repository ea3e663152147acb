package dev.herald.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/**
 * Pages an emulated AWS list operation (LookupEvents, GetFindings, ...) the way AWS does: a
 * request's {@code MaxResults} items from where its {@code NextToken} left off, and a {@code
 * NextToken} in the answer while more remain. The emulators' tokens are offsets: opaque to the
 * client, as AWS's are.
 */
public final class NextTokenPages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NextTokenPages() {
    }

    /**
     * The answer to {@code request}: the page of {@code matching} under {@code listName}.
     *
     * @param request     the request body, with optional {@code NextToken} and {@code MaxResults}
     * @param defaultSize the page size when the request gives no {@code MaxResults}
     * @param listName    the answer's list, e.g. {@code Events}
     * @param matching    every item the request matches, in the operation's order
     * @param item        an item as the answer carries it
     */
    public static <T> ObjectNode page(JsonNode request, int defaultSize, String listName, List<T> matching,
            Function<T, JsonNode> item) {
        int offset = request.hasNonNull("NextToken") ? Integer.parseInt(request.get("NextToken").asText()) : 0;
        int size = request.path("MaxResults").asInt(defaultSize);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode page = answer.putArray(listName);
        matching.stream().skip(offset).limit(size).map(item).forEach(page::add);
        if (offset + size < matching.size()) {
            answer.put("NextToken", Integer.toString(offset + size));
        }
        return answer;
    }
}
