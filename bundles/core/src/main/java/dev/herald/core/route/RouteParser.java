package dev.herald.core.route;

import dev.herald.api.Severity;
import dev.herald.core.template.Annotations;
import java.lang.reflect.Array;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a {@code dev.herald.route} configuration into a {@link RouteDefinition}. Never throws:
 * every problem becomes the definition's error, naming the property and the fix.
 */
final class RouteParser {

    private RouteParser() {
    }

    static RouteDefinition parse(String pid, Map<String, ?> props) {
        List<String> errors = new ArrayList<>();
        String name = text(props.get("name"));
        if (name == null) {
            errors.add("name is missing: set name to a unique route name");
            name = pid;
        }
        String pattern = text(props.get("pattern"));
        if (pattern == null) {
            errors.add("pattern is missing: set pattern to an EventBridge pattern such as {\"source\":[\"cloudtrail\"]}");
        } else {
            checkPattern(pattern, errors);
        }
        List<String> sinks = list(props.get("sinks"));
        if (sinks.isEmpty()) {
            errors.add("sinks is missing: set sinks to the names of one or more sinks");
        }
        Severity severity = null;
        String severityText = text(props.get("severity"));
        if (severityText != null) {
            severity = Severity.parse(severityText).orElse(null);
            if (severity == null) {
                errors.add("severity '" + severityText + "' is unknown: use info, low, medium, high or critical");
            }
        }
        Map<String, String> templates = templates(list(props.get("templates")), errors);
        String throttleText = text(props.get("throttle"));
        ThrottleSpec throttle = null;
        if (throttleText != null) {
            try {
                throttle = ThrottleSpec.parse(throttleText, text(props.get("throttle_key")));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        int priority = priority(props.get("priority"), errors);
        Map<String, String> annotations = annotations(props, errors);
        GroupSpec group = GroupSpec.parse(list(props.get("group_by")), text(props.get("group_wait")),
                text(props.get("group_interval")), text(props.get("repeat_interval")), errors);
        return new RouteDefinition(pid, name, bool(props.get("enabled"), true), pattern, List.copyOf(sinks),
                severity, templates, throttleText, throttle, priority, errors.isEmpty() ? null : String.join("; ", errors),
                annotations, group);
    }

    /** The {@code annotations.<key>} properties, in key order, each checked to compile. */
    private static Map<String, String> annotations(Map<String, ?> props, List<String> errors) {
        Map<String, String> out = new TreeMap<>();
        props.forEach((property, value) -> {
            if (property.startsWith(Annotations.PREFIX)) {
                String key = property.substring(Annotations.PREFIX.length());
                String template = value == null ? "" : value.toString();
                Annotations.problem(key, template).ifPresentOrElse(errors::add, () -> out.put(key, template));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** An integer (Config Admin may give a number or text); 0 when not set. */
    private static int priority(Object value, List<String> errors) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        String s = text(value);
        if (s == null) {
            return 0;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            errors.add("priority '" + s + "' is not a whole number: use e.g. 10 (higher comes first, default 0)");
            return 0;
        }
    }

    private static void checkPattern(String pattern, List<String> errors) {
        EventPatterns.problem(pattern).ifPresent(errors::add);
    }

    private static Map<String, String> templates(List<String> entries, List<String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String sink = eq > 0 ? entry.substring(0, eq).trim() : "";
            String file = eq > 0 ? entry.substring(eq + 1).trim() : "";
            if (sink.isEmpty() || file.isEmpty()) {
                errors.add("templates entry '" + entry + "' must be sinkName=relative/file.peb");
            } else if (!isPath(file)) {
                errors.add("templates entry '" + entry + "' is not a file name (a NUL or other character no path"
                        + " may hold): name a file under etc/herald/templates");
            } else if (Path.of(file).isAbsolute() || Path.of(file).normalize().startsWith("..")) {
                errors.add("templates entry '" + entry + "' must name a file under etc/herald/templates");
            } else {
                out.put(sink, file);
            }
        }
        return out;
    }

    private static boolean isPath(String file) {
        try {
            Path.of(file);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /** Accepts String[], collections, and comma-separated text (as FileInstall may give). */
    static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                addText(out, Array.get(value, i));
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> addText(out, v));
        } else {
            for (String part : value.toString().split(",")) {
                addText(out, part);
            }
        }
        return out;
    }

    private static void addText(List<String> out, Object v) {
        String s = text(v);
        if (s != null) {
            out.add(s);
        }
    }

    private static boolean bool(Object value, boolean fallback) {
        String s = text(value);
        return s == null ? fallback : Boolean.parseBoolean(s);
    }
}
