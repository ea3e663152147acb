package dev.herald.testkit.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.RecordSummary;
import dev.herald.testkit.HeraldKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A realistic event of every record kind Herald reads (an Illumio PCE audit event, an Illumio
 * flow, a CloudTrail record, a Security Hub finding and a generic JSON record), for rendering a
 * sink's templates on each: a sink ships {@code templates/<kind>.peb} for some of them and {@code
 * default.peb} for the rest. {@link #hostile} gives the same records with every string replaced
 * by text that breaks a body that does not escape it.
 */
public final class SampleEvents {
    /** Quotes, backslashes, CR and LF, tabs, control characters, HTML, Markdown, Slack and SIEM separators. */
    public static final String HOSTILE = "evil \"q\" \\ a\r\nb\rc\nd\te | = ^ <script>alert(1)</script> & <!here>"
            + " [x](https://evil.example) *b* _i_ \u0000\u0007\u001b[31m \u2028 é";

    /** The record kinds, as {@code event.source} names them. */
    public static final String PCE = "pce";
    public static final String ILLUMIO_FLOW = "illumio-flow";
    public static final String CLOUDTRAIL = "cloudtrail";
    public static final String SECURITYHUB = "securityhub";
    public static final String JSON = "json";

    /** The runbook {@link #withRunbook} gives an event, as the runbook catalogue would. */
    public static final String RUNBOOK_CATEGORY = "Sample category";
    public static final String RUNBOOK_GUIDANCE = "Check who did this and undo it if nobody can explain it.";
    public static final String RUNBOOK_LINK = "https://docs.example/herald/sample-runbook";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of(PCE, "user.login_failed", ILLUMIO_FLOW, "flow",
            CLOUDTRAIL, "ConsoleLogin", SECURITYHUB, "Security groups should not allow unrestricted access to ports"
                    + " with high risk", JSON, "json");
    private static final Map<String, Severity> SEVERITIES = Map.of(PCE, Severity.MEDIUM, ILLUMIO_FLOW, Severity.LOW,
            CLOUDTRAIL, Severity.HIGH, SECURITYHUB, Severity.CRITICAL, JSON, Severity.INFO);

    private SampleEvents() {
    }

    /** One event of each kind, by kind, in a stable order. */
    public static Map<String, Event> all() {
        Map<String, Event> all = new LinkedHashMap<>();
        for (String kind : new String[] {PCE, ILLUMIO_FLOW, CLOUDTRAIL, SECURITYHUB, JSON}) {
            all.put(kind, of(kind));
        }
        return all;
    }

    /** An event of {@code source} holding {@code record}, as a source reads it (high severity, a fixed time). */
    public static Event of(String source, String id, String type, JsonNode record) {
        return Event.builder().id(id).source(source).instance("prod").type(type)
                .time(Instant.parse("2026-11-22T10:58:04Z")).severity(Severity.HIGH)
                .detail(record).raw(record.toString()).build();
    }

    /**
     * {@code event} with the runbook the runbook catalogue gives an event ({@code
     * enrichment.runbook}: {@link #RUNBOOK_CATEGORY}, {@link #RUNBOOK_GUIDANCE}, {@link
     * #RUNBOOK_LINK}, severity high), which templates read as {@code runbook}.
     */
    public static Event withRunbook(Event event) {
        ObjectNode enrichment = event.enrichment().deepCopy();
        enrichment.putObject("runbook").put("category", RUNBOOK_CATEGORY).put("guidance", RUNBOOK_GUIDANCE)
                .put("link", RUNBOOK_LINK).put("severity", "high");
        return event.toBuilder().enrichment(enrichment).build();
    }

    /**
     * The summary templates see for the event of {@code kind} ({@code summary.title}, …), as its record
     * kind gives it ({@link HeraldKinds}); generic JSON's is its type and instance.
     */
    public static RecordSummary summary(String kind) {
        return summary(of(kind));
    }

    /** The summary templates see for {@code event}, as its record kind gives it ({@link HeraldKinds}). */
    public static RecordSummary summary(Event event) {
        return HeraldKinds.all().summary(event);
    }

    /** The event of {@code kind}. */
    public static Event of(String kind) {
        return event(kind, record(kind), "ev-" + kind + "-1", kind + "-main", TYPES.get(kind));
    }

    /**
     * The event of {@code kind} with every string of the record set to {@code text}, and {@code
     * text} after the prefix of its id, type and instance (an event has a non-blank id).
     */
    public static Event hostile(String kind, String text) {
        return event(kind, replaceStrings(record(kind), text), "ev:" + text, "instance:" + text, "type:" + text);
    }

    /** {@link #hostile(String, String)} with {@link #HOSTILE}. */
    public static Event hostile(String kind) {
        return hostile(kind, HOSTILE);
    }

    private static Event event(String kind, JsonNode record, String id, String instance, String type) {
        String raw = record.toString();
        return Event.builder().id(id).source(kind).instance(instance).type(type).time(Instant.parse("2026-11-22T10:05:00Z"))
                .severity(SEVERITIES.get(kind)).detail(record).raw(raw).build();
    }

    private static JsonNode record(String kind) {
        if (!TYPES.containsKey(kind)) {
            throw new IllegalArgumentException("no sample of record kind '" + kind + "': use one of " + TYPES.keySet());
        }
        try (InputStream in = SampleEvents.class.getResourceAsStream("samples/" + kind + ".json")) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode replaceStrings(JsonNode node, String text) {
        if (node.isTextual()) {
            return TextNode.valueOf(text);
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(replaceStrings(field.getValue(), text));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replaceStrings(array.get(i), text));
            }
        }
        return node;
    }
}
