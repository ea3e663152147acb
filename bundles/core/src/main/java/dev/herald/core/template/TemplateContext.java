package dev.herald.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a template sees: {@code event} (the envelope as nested maps and lists, plus
 * {@code event.raw} and {@code event.enrichment}), {@code raw}, {@code route} (the first route),
 * {@code routes} (every route that sent the event to the sink, the first first), {@code sink},
 * {@code severity}, {@code idempotencyKey}, and {@code runbook}: the runbook the catalogue gave the event ({@code
 * event.enrichment.runbook}), or null; {@code group} for a digest ({@code key}, {@code count}, {@code first},
 * {@code last}, {@code events}: the first events kept, {@code more}: how many it leaves out), else null.
 * {@link TemplateRenderer} adds {@code summary} (the event's record kind's
 * {@link dev.herald.api.record.RecordSummary}: title, actor, target, account, region, outcome, link)
 * and the routes' {@code annotations}.
 */
final class TemplateContext {
    private TemplateContext() {
    }

    static LazyMap of(Rendering r) {
        Event e = r.event();
        LazyMap m = new LazyMap().with("event", event(e)).with("raw", e.raw()).with("route", r.route())
                .with("routes", r.routes()).with("sink", r.sink()).with("severity", r.severity().label());
        if (r.idempotencyKey() == null && r.laterKey() != null) {
            m.later("idempotencyKey", r.laterKey()::get);
        } else {
            m.with("idempotencyKey", r.idempotencyKey());
        }
        return m.with("runbook", plain(e.enrichment().get("runbook"))).with("group", group(r.group()));
    }

    /** A digest's group: key, count, first, last, events (the first ones kept) and more (how many left out). */
    private static Map<String, Object> group(DigestGroup g) {
        if (g == null) {
            return null;
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("key", g.key());
        group.put("count", g.count());
        group.put("first", event(g.first()));
        group.put("last", event(g.last()));
        group.put("events", g.events().stream().map(TemplateContext::event).toList());
        group.put("more", g.more());
        return group;
    }

    /** The envelope as a template reads it: the detail as maps and the time as text only for a template that reads them. */
    private static Map<String, Object> event(Event e) {
        LazyMap event = new LazyMap().with("id", e.id()).with("source", e.source()).with("instance", e.instance())
                .with("type", e.type()).later("time", () -> e.time().toString()).with("severity", e.severity().label())
                .later("detail", () -> plain(e.detail()));
        if (!e.enrichment().isEmpty()) {
            // as in the envelope: only when an enricher added something
            event.later("enrichment", () -> plain(e.enrichment()));
        }
        event.with("raw", e.raw());
        return event;
    }

    /** A JSON tree as maps, lists, strings, numbers and booleans, which Pebble navigates natively. */
    static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                m.put(f.getKey(), plain(f.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            n.forEach(c -> l.add(plain(c)));
            return l;
        }
        if (n.isNumber()) {
            return n.numberValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.asText();
    }
}
