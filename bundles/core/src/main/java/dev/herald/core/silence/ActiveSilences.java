package dev.herald.core.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.core.route.FieldTree;
import dev.herald.core.store.Silence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.GenericMachine;

/**
 * An immutable set of silences that have not ended, with one event-ruler machine for their
 * patterns. An event is matched on its envelope cut down to the fields the silences' patterns
 * refer to (their own {@link FieldTree}, since routes may not refer to those fields); whether a
 * silence is in force is decided by the time given, so a silence lapses without a rebuild.
 */
public final class ActiveSilences {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveSilences.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ActiveSilences NONE = new ActiveSilences(List.of(), 0);

    private final Map<Long, Silence> byId = new HashMap<>();
    private final GenericMachine<Long> machine = new GenericMachine<>();
    private final FieldTree fields = new FieldTree();
    /** The last end of them all: past it, none is in force. */
    private final long lastEnd;

    /** The silences of {@code stored} that have not ended at {@code now}. */
    public static ActiveSilences of(List<Silence> stored, long now) {
        return new ActiveSilences(stored, now);
    }

    public static ActiveSilences none() {
        return NONE;
    }

    private ActiveSilences(List<Silence> stored, long now) {
        long last = 0;
        for (Silence s : stored) {
            if (s.end() <= now) {
                continue;
            }
            try {
                fields.addPattern(JSON.readTree(s.pattern()));
                machine.addRule(s.id(), s.pattern());
            } catch (JsonProcessingException e) {
                LOG.error("Silence {} has a pattern that is not JSON, it silences nothing: {}", s.id(), e.getMessage());
                continue;
            } catch (Exception e) {
                LOG.error("Silence {} has a pattern event-ruler refuses, it silences nothing: {}", s.id(), e.getMessage());
                continue;
            }
            byId.put(s.id(), s);
            last = Math.max(last, s.end());
        }
        lastEnd = last;
    }

    /** Whether any of them is in force at {@code now} or later: false when none can silence anything from then on. */
    public boolean anyLasting(long now) {
        return now < lastEnd;
    }

    /** The silences in force at {@code now} whose pattern matches the event. */
    public List<Silence> matching(Event event, long now) {
        if (!anyLasting(now)) {
            return List.of();
        }
        List<Long> ids = machine.rulesForJSONEvent(fields.envelope(event));
        List<Silence> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Silence s = byId.get(id);
            if (s.activeAt(now)) {
                out.add(s);
            }
        }
        return out;
    }
}
