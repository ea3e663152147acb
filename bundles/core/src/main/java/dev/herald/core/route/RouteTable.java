package dev.herald.core.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.GenericMachine;

/**
 * An immutable set of routes with one event-ruler machine for all valid, enabled ones. Matching is
 * thread-safe; a change of configuration builds a new table.
 */
public final class RouteTable {
    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<RouteDefinition> definitions;
    private final Map<String, Route> active;
    private final GenericMachine<String> machine;
    private final FieldTree fields;
    /**
     * Every active route with its pattern read directly off events, in {@link Route#ORDER}; null
     * when some route's pattern cannot be read so (then event-ruler matches every event).
     */
    private final List<Map.Entry<Route, DirectPattern>> direct;

    private RouteTable(List<RouteDefinition> definitions, Map<String, Route> active, GenericMachine<String> machine) {
        this.definitions = definitions;
        this.active = active;
        this.machine = machine;
        this.fields = new FieldTree();
        List<Map.Entry<Route, DirectPattern>> direct = new ArrayList<>();
        for (Route r : active.values()) {
            JsonNode pattern;
            try {
                pattern = JSON.readTree(r.definition().pattern());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("route " + r.name() + " was checked to be JSON", e);
            }
            fields.addPattern(pattern);
            Optional<DirectPattern> d = direct == null ? Optional.empty() : DirectPattern.compile(pattern);
            direct = d.isPresent() ? direct : null;
            if (direct != null) {
                direct.add(Map.entry(r, d.get()));
            }
            if (r.definition().throttle() != null && r.definition().throttle().keyPath() != null) {
                fields.addPath(r.definition().throttle().keyPath());
            }
            if (r.definition().group() != null) {
                r.definition().group().paths().forEach(fields::addPath);
            }
        }
        if (direct != null) {
            direct.sort(Map.Entry.comparingByKey(Route.ORDER));
        }
        this.direct = direct == null ? null : List.copyOf(direct);
    }

    public static RouteTable empty() {
        return build(List.of(), null);
    }

    /** Builds a table from route configurations (PID to properties), keeping invalid ones with their error. */
    public static RouteTable fromConfigurations(Map<String, ? extends Map<String, ?>> configsByPid, RouteTable previous) {
        List<RouteDefinition> definitions = new ArrayList<>();
        configsByPid.forEach((pid, props) -> definitions.add(RouteParser.parse(pid, props)));
        return build(definitions, previous);
    }

    /**
     * Builds a table. A route whose name another route already has is marked invalid. Throttle
     * state of {@code previous} carries over to routes whose throttle did not change.
     */
    static RouteTable build(Collection<RouteDefinition> configured, RouteTable previous) {
        List<RouteDefinition> sorted = new ArrayList<>(configured);
        sorted.sort(Comparator.comparing(RouteDefinition::name).thenComparing(RouteDefinition::pid));
        List<RouteDefinition> definitions = new ArrayList<>();
        Map<String, Route> active = new LinkedHashMap<>();
        Map<String, RouteDefinition> byName = new HashMap<>();
        GenericMachine<String> machine = new GenericMachine<>();
        for (RouteDefinition d : sorted) {
            RouteDefinition first = byName.putIfAbsent(d.name(), d);
            if (first != null) {
                d = d.invalid("another route (" + first.pid() + ") is already named '" + d.name()
                        + "': give this one a different name");
            }
            if (d.valid() && d.enabled()) {
                try {
                    machine.addRule(d.name(), d.pattern());
                    active.put(d.name(), new Route(d, throttleFor(d, previous)));
                } catch (Exception e) {
                    d = d.invalid("pattern is not a valid event pattern: " + e.getMessage());
                    machine = rebuild(active.values());
                }
            }
            definitions.add(d);
        }
        return new RouteTable(List.copyOf(definitions), Collections.unmodifiableMap(active), machine);
    }

    /** Every configured route, valid or not, by name. */
    public List<RouteDefinition> definitions() {
        return definitions;
    }

    /** The valid, enabled route of that name. */
    public Optional<Route> route(String name) {
        return Optional.ofNullable(active.get(name));
    }

    /**
     * What to match and throttle an event on: its envelope cut down to the fields the routes
     * refer to.
     */
    public ObjectNode input(Event event) {
        return fields.envelope(event);
    }

    /**
     * The valid, enabled routes whose pattern matches the event, in {@link Route#ORDER}: the same
     * as {@code match(input(event))}, read directly off the event's fields where every route's
     * pattern allows it and the event holds no value that needs event-ruler ({@link DirectPattern}).
     */
    public List<Route> match(Event event) {
        if (direct == null) {
            return match(input(event));
        }
        List<Route> out = List.of();
        for (Map.Entry<Route, DirectPattern> r : direct) {
            switch (r.getValue().test(event)) {
                case MATCH -> {
                    if (out.isEmpty()) {
                        out = new ArrayList<>(2);
                    }
                    out.add(r.getKey());
                }
                case UNKNOWN -> {
                    return match(input(event));
                }
                default -> { }
            }
        }
        return out;
    }

    /** The valid, enabled routes whose pattern matches an {@link #input}, in {@link Route#ORDER}. */
    public List<Route> match(JsonNode envelope) {
        if (active.isEmpty()) {
            return List.of();
        }
        List<String> names = machine.rulesForJSONEvent(envelope);
        if (names.isEmpty()) {
            return List.of();
        }
        List<Route> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(active.get(n));
        }
        if (out.size() > 1) {
            out.sort(Route.ORDER);
        }
        return out;
    }

    private static Throttle throttleFor(RouteDefinition d, RouteTable previous) {
        if (d.throttle() == null) {
            return null;
        }
        Route old = previous == null ? null : previous.active.get(d.name());
        if (old != null && old.throttle() != null && old.throttle().spec().equals(d.throttle())) {
            return old.throttle();
        }
        return new Throttle(d.throttle());
    }

    /** A machine of the given routes only: used when adding one failed half way. */
    private static GenericMachine<String> rebuild(Collection<Route> routes) {
        GenericMachine<String> m = new GenericMachine<>();
        for (Route r : routes) {
            try {
                m.addRule(r.name(), r.definition().pattern());
            } catch (Exception e) {
                LOG.error("Route {} could not be re-added after another route failed", r.name(), e);
            }
        }
        return m;
    }
}
