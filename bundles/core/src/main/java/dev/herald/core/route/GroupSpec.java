package dev.herald.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route's grouping ({@code group_by} and its timers), with Alertmanager's meaning: the first
 * event of a group waits {@code groupWait} for others, then one digest goes out; later events of
 * the group go out together every {@code groupInterval}. Events never resolve, so {@code
 * repeatInterval} is how long a group with nothing pending stays open after its last digest: an
 * event after that opens a new group, which waits {@code groupWait} again.
 *
 * @param paths          dotted envelope paths whose values make the group key, e.g. {@code detail.userIdentity.arn}
 * @param groupWait      how long a new group collects events before its first digest
 * @param groupInterval  the least time between two digests of one group
 * @param repeatInterval how long a quiet group is kept after its last digest
 */
public record GroupSpec(List<String> paths, Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT = Duration.ofHours(4);
    private static final Set<String> ROOTS = Set.of("id", "source", "instance", "type", "time", "severity",
            "detail", "enrichment");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public GroupSpec {
        paths = List.copyOf(paths);
    }

    /**
     * Reads the grouping of a route configuration; null when {@code group_by} is not set (the
     * route sends every event on its own) or is invalid. Every problem is added to {@code errors}.
     */
    static GroupSpec parse(List<String> groupBy, String wait, String interval, String repeat, List<String> errors) {
        int before = errors.size();
        List<String> paths = new ArrayList<>();
        for (String path : groupBy) {
            String problem = pathProblem(path);
            if (problem != null) {
                errors.add("group_by path '" + path + "' " + problem);
            } else if (!paths.contains(path)) {
                paths.add(path);
            }
        }
        Duration w = duration("group_wait", wait, DEFAULT_WAIT, Duration.ZERO, errors);
        Duration i = duration("group_interval", interval, DEFAULT_INTERVAL, Duration.ofSeconds(1), errors);
        Duration r = duration("repeat_interval", repeat, DEFAULT_REPEAT, Duration.ofSeconds(1), errors);
        if (i != null && r != null && r.compareTo(i) < 0) {
            errors.add("repeat_interval " + (repeat == null ? "(default 4h)" : repeat) + " is shorter than group_interval "
                    + (interval == null ? "(default 5m)" : interval) + ": a group must stay open at least until its"
                    + " next digest; set repeat_interval to at least group_interval");
        }
        // the timers are checked without group_by too (a console saves them with every route), used only with it
        return errors.size() > before || paths.isEmpty() ? null : new GroupSpec(paths, w, i, r);
    }

    /** Why a {@code group_by} path cannot name an envelope field, or null when it can. */
    private static String pathProblem(String path) {
        String[] parts = path.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return "has an empty segment: write dotted field names such as detail.userIdentity.arn";
            }
        }
        if (!ROOTS.contains(parts[0])) {
            return "does not start with an envelope field: start it with one of id, source, instance, type, time,"
                    + " severity, detail, enrichment";
        }
        return null;
    }

    /** A duration such as {@code 30s}, {@code 5m}, {@code 4h}, {@code 1d} or {@code 500ms}; {@code fallback} when not set. */
    private static Duration duration(String property, String text, Duration fallback, Duration least,
                                     List<String> errors) {
        if (text == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            errors.add(property + " '" + text + "' is not a duration: write a number and a unit, e.g. 30s, 5m, 4h"
                    + " (units ms, s, m, h, d)");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(least) < 0) {
            errors.add(property + " '" + text + "' is too short: it must be at least " + (least.isZero() ? "0s"
                    : least.toSeconds() + "s"));
            return null;
        }
        return d;
    }

    /**
     * The group an event belongs to: its key as people read it ({@code path=value, …}) and as the
     * store tells groups apart (the values as a JSON array, so no value can fake another key).
     *
     * @param envelope the event's {@link RouteTable#input} (which holds every group_by field)
     */
    public GroupKey key(JsonNode envelope) {
        StringBuilder text = new StringBuilder();
        StringBuilder id = new StringBuilder("[");
        for (String path : paths) {
            JsonNode n = envelope;
            for (String part : path.split("\\.")) {
                n = n.path(part);
            }
            String value = n.isMissingNode() || n.isNull() ? "" : n.isValueNode() ? n.asText() : n.toString();
            if (!text.isEmpty()) {
                text.append(", ");
                id.append(',');
            }
            text.append(path).append('=').append(value);
            id.append(TextNode.valueOf(value));
        }
        return new GroupKey(id.append(']').toString(), text.toString());
    }

    /**
     * A group key.
     *
     * @param id   unambiguous: the values as a JSON array
     * @param text as people read it: {@code path=value, …}
     */
    public record GroupKey(String id, String text) {
    }
}
