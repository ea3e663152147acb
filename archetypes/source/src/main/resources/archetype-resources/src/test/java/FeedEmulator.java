package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testkit.http.StubHttpServer;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The feed as ${sourceClass}Poller expects it (its Javadoc): JSON Lines after the record whose id is
 * {@code after}, at most {@code limit}, oldest first. Replace it with an emulator of your service's
 * documented API, checking requests the way the service does.
 */
final class FeedEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StubHttpServer server = StubHttpServer.http();
    private final List<String> lines = new ArrayList<>();
    private volatile Reply failure;

    FeedEmulator() {
        server.respond(this::answer);
    }

    String url() {
        return server.uri("/v1/events").toString();
    }

    synchronized void add(List<String> records) {
        lines.addAll(records);
    }

    /** Every following request gets this answer, until {@link #recover}. */
    void fail(int status, String body) {
        failure = Reply.status(status, body);
    }

    void recover() {
        failure = null;
    }

    /** The requests received, oldest first, taken from the server. */
    Recorded take() {
        return server.take();
    }

    private synchronized Reply answer(Recorded request) {
        if (failure != null) {
            return failure;
        }
        Map<String, String> query = query(request.uri());
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        int from = query.containsKey("after") ? indexOf(query.get("after")) + 1 : 0;
        List<String> page = lines.subList(from, Math.min(lines.size(), from + limit));
        return Reply.status(200, page.isEmpty() ? "" : String.join("\n", page) + "\n");
    }

    private int indexOf(String id) {
        for (int i = 0; i < lines.size(); i++) {
            try {
                JsonNode record = JSON.readTree(lines.get(i));
                if (record != null && id.equals(record.path("id").asText(null))) {
                    return i;
                }
            } catch (Exception notJson) {
                // a malformed line has no id
            }
        }
        return -1;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.close();
    }
}
