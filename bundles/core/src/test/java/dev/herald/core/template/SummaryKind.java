package dev.herald.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordSummary;
import java.util.List;
import java.util.function.Function;

/** A record kind that recognises no record and summarises events with a function: for template tests. */
final class SummaryKind implements RecordKind {
    private final String name;
    private final Function<Event, RecordSummary> summary;

    SummaryKind(String name, Function<Event, RecordSummary> summary) {
        this.name = name;
        this.summary = summary;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean accepts(JsonNode record) {
        return false;
    }

    @Override
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId) {
        return List.of();
    }

    @Override
    public RecordSummary summary(Event e) {
        return summary.apply(e);
    }
}
