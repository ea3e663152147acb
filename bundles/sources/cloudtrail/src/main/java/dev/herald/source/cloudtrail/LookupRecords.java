package dev.herald.source.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.RecordIsolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * Turns LookupEvents results into Herald events from their {@code CloudTrailEvent}, the full
 * record as a JSON string: the same record an S3-delivered trail file holds, so routes and
 * templates see the same {@code event.detail} whichever source read it (source {@code
 * cloudtrail}, id {@code eventID}). A result without a readable record, or with a value that cannot
 * be converted, is quarantined once per run as {@code cloudtrail:<region>:<EventId>} (see {@link
 * RecordIsolation}), and the rest flows.
 */
final class LookupRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instance;
    private final RecordIsolation isolation;
    private final RecordRecognizer recognizer;

    LookupRecords(String instance, Journal journal, RecordRecognizer recognizer) {
        this.instance = instance;
        this.recognizer = recognizer;
        this.isolation = new RecordIsolation(instance, journal);
    }

    /** The events of {@code results}, oldest first. */
    List<Event> events(Region region, List<software.amazon.awssdk.services.cloudtrail.model.Event> results) {
        List<Event> events = new ArrayList<>(results.size());
        for (software.amazon.awssdk.services.cloudtrail.model.Event result : results) {
            String raw = result.cloudTrailEvent();
            String location = "cloudtrail:" + region.id() + ":" + result.eventId();
            if (raw == null || raw.isBlank()) {
                isolation.quarantine(location, "the LookupEvents result has no CloudTrailEvent", result.toString());
                continue;
            }
            events.addAll(isolation.events(location, raw,
                    () -> recognizer.events(parse(raw), raw, instance, result.eventId())));
        }
        events.sort(Comparator.comparing(Event::time));
        return events;
    }

    private static JsonNode parse(String raw) throws RecordException {
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new RecordException("its CloudTrailEvent is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
