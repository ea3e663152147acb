package dev.herald.api.record;

import dev.herald.api.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The record kinds present, in the order they are tried. Herald's core registers one as a service
 * that follows the {@link RecordKind} services as they come and go; a source references it and reads
 * through {@link #recognizer}, so that a kind installed later is recognised from the next record on,
 * and a record whose kind has gone is read as generic JSON ({@value #GENERIC}).
 */
@ProviderType
public interface RecordKinds {
    /** The name (event source) of records no kind accepts. */
    String GENERIC = "json";

    /** The kinds now present, highest {@code service.ranking} first. */
    List<RecordKind> kinds();

    /**
     * Why the records of a kind that was present and left are read as generic JSON now, by kind name:
     * what {@code herald:status} and the web console show. None by default (a fixed set never changes).
     */
    default Map<String, String> problems() {
        return Map.of();
    }

    /** The kind named {@code name}, if present. */
    default Optional<RecordKind> kind(String name) {
        return kinds().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /**
     * The summary of {@code event} by its kind ({@link Event#source()}); the generic one when that
     * kind is not present or its summary fails, so that a notification never fails for its summary.
     */
    default RecordSummary summary(Event event) {
        Optional<RecordKind> kind = kind(event.source());
        if (kind.isPresent()) {
            try {
                RecordSummary summary = kind.get().summary(event);
                if (summary != null) {
                    return summary;
                }
            } catch (RuntimeException e) {
                // the kind's bug must not cost the notification: the generic summary still says what it is
            }
        }
        return RecordSummary.generic(event);
    }

    /** A recognizer over these kinds, reading other JSON through {@code generic}. */
    default RecordRecognizer recognizer(JsonPointers generic) {
        return new RecordRecognizer(this, generic);
    }

    /** A recognizer over these kinds, reading other JSON through {@link JsonPointers#DEFAULT}. */
    default RecordRecognizer recognizer() {
        return recognizer(JsonPointers.DEFAULT);
    }

    /** These kinds, and {@code kind} too if none of them has its name, tried after them. */
    default RecordKinds including(RecordKind kind) {
        RecordKinds present = this;
        return () -> {
            List<RecordKind> kinds = present.kinds();
            if (kinds.stream().anyMatch(k -> k.name().equals(kind.name()))) {
                return kinds;
            }
            List<RecordKind> all = new ArrayList<>(kinds);
            all.add(kind);
            return List.copyOf(all);
        };
    }

    /** A fixed set of kinds, tried in the order given: for tests and tools outside OSGi. */
    static RecordKinds of(RecordKind... kinds) {
        List<RecordKind> fixed = List.of(kinds);
        return () -> fixed;
    }
}
