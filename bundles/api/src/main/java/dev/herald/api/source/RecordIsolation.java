package dev.herald.api.source;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the records of a page or a batch into events one record at a time, so that one bad record
 * never stops the others: whatever its conversion throws (a {@link RecordException}, or anything a
 * hostile value raises on the way, such as a {@code NumberFormatException}, a {@code
 * DateTimeException} or an {@code ArithmeticException}) puts that record in the quarantine with
 * where it was and why, and the source carries on. Polling sources read overlapping windows, so a
 * record is quarantined once per run (for the last {@value #MEMORY} distinct records). Thread-safe.
 */
public final class RecordIsolation {
    private static final Logger LOG = LoggerFactory.getLogger(RecordIsolation.class);
    /** How many quarantined records are remembered; beyond it, one may be quarantined again. */
    static final int MEMORY = 10_000;

    /** One record's conversion into its events. */
    @FunctionalInterface
    public interface Conversion {
        /**
         * @throws RecordException when the record is not what its kind needs; the message is the reason
         */
        List<Event> events() throws RecordException;
    }

    private final String instance;
    private final Journal journal;
    private final Set<String> quarantined = new HashSet<>();

    /**
     * @param instance the source instance the records are quarantined under
     * @param journal  where they are quarantined
     */
    public RecordIsolation(String instance, Journal journal) {
        this.instance = instance;
        this.journal = journal;
    }

    /**
     * The record's events, or none when it was quarantined.
     *
     * @param location   where the record was, for the quarantine: {@code cloudtrail:eu-west-1:<eventID>}
     * @param content    the record's text, for the quarantine
     * @param conversion what turns it into events
     */
    public List<Event> events(String location, String content, Conversion conversion) {
        try {
            return conversion.events();
        } catch (RecordException e) {
            quarantine(location, e.getMessage(), content, true);
        } catch (RuntimeException e) {
            LOG.debug("{}: {} could not be converted", instance, location, e);
            quarantine(location, reason(e), content, true);
        }
        return List.of();
    }

    /**
     * Quarantines a record that has nothing to convert (once per run, as above): {@code content}
     * is what came instead of it, so it cannot be retried.
     */
    public void quarantine(String location, String reason, String content) {
        quarantine(location, reason, content, false);
    }

    private synchronized void quarantine(String location, String reason, String content, boolean whole) {
        if (quarantined.size() >= MEMORY) {
            quarantined.clear();
        }
        if (quarantined.add(location + "\n" + content)) {
            journal.quarantine(instance, location, reason, content, whole);
        }
    }

    /** Names what a value raised, since such an exception's message alone rarely says what it is about. */
    private static String reason(RuntimeException e) {
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return "a value in the record is out of range or malformed (" + what + ")";
    }
}
