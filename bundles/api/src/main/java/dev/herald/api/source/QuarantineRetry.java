package dev.herald.api.source;

import dev.herald.api.Event;
import dev.herald.api.record.RecordException;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a quarantined record again, for a source instance that can: after the user changed the
 * instance's settings (a larger {@code max_record_bytes}, other JSON pointers) or upgraded its
 * plugin, a record it could not convert may convert now.
 *
 * <p>A source component offers it by registering itself as this service (with {@code immediate =
 * true}, since a source must run whether or not anyone uses the service); Herald finds the
 * service of an instance by the {@value #INSTANCE} service property, which Declarative Services
 * copies from the instance's configuration. A source without this service cannot retry: Herald
 * says so and keeps its records.
 *
 * <p>Herald calls it only with records whose content was stored whole, from an admin's thread,
 * possibly while the source reads: it must be thread-safe and must not touch the journal or the
 * source's checkpoints. Herald appends the events to the journal (deduplicated as usual) and
 * removes the record from the quarantine, or keeps it with the new reason.
 */
@ConsumerType
public interface QuarantineRetry {
    /** The service property naming the source instance: its configured {@code name}. */
    String INSTANCE = "name";

    /**
     * Converts a quarantined record with the instance's current settings.
     *
     * @param location where it was, as the source quarantined it (e.g. {@code file.jsonl:7})
     * @param content  its whole text, as the source quarantined it
     * @return its events (possibly none, for a record the source reads as no event)
     * @throws RecordException when it still cannot be converted; the message is the new reason
     */
    List<Event> reread(String location, String content) throws RecordException;
}
