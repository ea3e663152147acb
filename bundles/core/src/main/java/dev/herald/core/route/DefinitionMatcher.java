package dev.herald.core.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import software.amazon.event.ruler.GenericMachine;

/**
 * Matches events against one route's definition on its own, whether the route is enabled or not:
 * a replay applies a route that is new, fixed or disabled for normal traffic, which the live
 * {@link RouteTable} does not hold. Throttles are not applied.
 */
public final class DefinitionMatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RouteDefinition definition;
    private final GenericMachine<String> machine = new GenericMachine<>();
    private final FieldTree fields = new FieldTree();

    /** @throws IllegalArgumentException when the definition is invalid, saying why */
    public DefinitionMatcher(RouteDefinition definition) {
        if (!definition.valid()) {
            throw new IllegalArgumentException("route " + definition.name() + " is invalid: " + definition.error()
                    + "; fix its configuration (herald:routes shows it) before replaying it");
        }
        this.definition = definition;
        try {
            fields.addPattern(JSON.readTree(definition.pattern()));
            machine.addRule(definition.name(), definition.pattern());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("route " + definition.name() + " has a pattern that is not JSON: "
                    + e.getOriginalMessage(), e);
        } catch (Exception e) {
            throw new IllegalArgumentException("route " + definition.name() + " has a pattern that is not a valid"
                    + " event pattern: " + e.getMessage(), e);
        }
    }

    public RouteDefinition definition() {
        return definition;
    }

    public boolean matches(Event event) {
        return !machine.rulesForJSONEvent(fields.envelope(event)).isEmpty();
    }
}
