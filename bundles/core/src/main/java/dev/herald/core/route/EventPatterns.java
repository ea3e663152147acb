package dev.herald.core.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import software.amazon.event.ruler.GenericMachine;

/** Checks EventBridge event patterns, as routes and silences use them. */
public final class EventPatterns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventPatterns() {
    }

    /** What is wrong with a pattern (event-ruler's own words when it refuses it), or empty when it is valid. */
    public static Optional<String> problem(String pattern) {
        try {
            JsonNode tree = JSON.readTree(pattern);
            if (tree == null || !tree.isObject()) {
                return Optional.of("pattern must be a JSON object such as {\"source\":[\"cloudtrail\"]}");
            }
        } catch (JsonProcessingException e) {
            return Optional.of("pattern is not valid JSON: " + e.getOriginalMessage());
        }
        try {
            new GenericMachine<String>().addRule("probe", pattern);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("pattern is not a valid event pattern: " + e.getMessage());
        }
    }
}
