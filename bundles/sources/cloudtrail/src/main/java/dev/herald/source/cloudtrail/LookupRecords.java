package dev.herald.source.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordRecognizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.regions.Region;

/**
 * Turns LookupEvents results into Herald events from their {@code CloudTrailEvent}, the full
 * record as a JSON string: the same record an S3-delivered trail file holds, so routes and
 * templates see the same {@code event.detail} whichever source read it (source {@code
 * cloudtrail}, id {@code eventID}). A result without a readable record is quarantined once per
 * run, as {@code cloudtrail:<region>:<EventId>}, and the rest flows.
 */
final class LookupRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUARANTINE_MEMORY = 10_000;

    private final String instance;
    private final Journal journal;
    private final RecordRecognizer recognizer = new RecordRecognizer();
    /** Overlapping windows bring a bad result again; it is quarantined once. */
    private final Set<String> quarantined = new HashSet<>();

    LookupRecords(String instance, Journal journal) {
        this.instance = instance;
        this.journal = journal;
    }

    /** The events of {@code results}, oldest first. */
    List<Event> events(Region region, List<software.amazon.awssdk.services.cloudtrail.model.Event> results) {
        List<Event> events = new ArrayList<>(results.size());
        for (software.amazon.awssdk.services.cloudtrail.model.Event result : results) {
            String raw = result.cloudTrailEvent();
            String location = "cloudtrail:" + region.id() + ":" + result.eventId();
            if (raw == null || raw.isBlank()) {
                quarantine(location, "the LookupEvents result has no CloudTrailEvent", result.toString());
                continue;
            }
            try {
                JsonNode record = JSON.readTree(raw);
                events.addAll(recognizer.events(record, raw, instance, result.eventId()));
            } catch (JsonProcessingException e) {
                quarantine(location, "its CloudTrailEvent is not JSON: " + e.getOriginalMessage(), raw);
            } catch (RecordException e) {
                quarantine(location, e.getMessage(), raw);
            }
        }
        events.sort(Comparator.comparing(Event::time));
        return events;
    }

    private void quarantine(String location, String reason, String content) {
        if (quarantined.size() >= QUARANTINE_MEMORY) {
            quarantined.clear();
        }
        if (quarantined.add(location)) {
            journal.quarantine(instance, location, reason, content);
        }
    }
}
