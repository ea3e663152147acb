package dev.herald.core.store;

import dev.herald.api.Severity;
import java.util.List;

/**
 * The durable state of one group of a grouping route for one sink: the events waiting for its next
 * digest and when that is due. The store keeps the events it names while it refers to them.
 *
 * @param id           sink, route and group key: unique
 * @param seq          unique, increasing with creation: orders groups due together
 * @param sink         the sink the digests go to
 * @param routes       every route that sent the pending events to the sink, the grouping route first
 * @param severity     the highest effective severity of the pending events
 * @param key          the group key as people read it
 * @param openedAt     when the group's first event arrived (epoch millis)
 * @param digests      how many digests it has sent
 * @param lastDigestAt when it sent its last digest (epoch millis), 0 before its first
 * @param due          when the flusher acts on it: sends the pending events as a digest, or, with
 *                     none pending, closes the quiet group
 * @param interval     the least time between two digests (millis)
 * @param repeat       how long it stays open after its last digest while no event joins (millis)
 * @param count        how many events are pending
 * @param examples     the keys of the first pending events, at most {@link #EXAMPLES}
 * @param last         the key of the last pending event, 0 with none pending
 */
public record Group(String id, long seq, String sink, List<String> routes, Severity severity, String key,
                    long openedAt, int digests, long lastDigestAt, long due, long interval, long repeat,
                    long count, List<Long> examples, long last) {
    /** A digest names at most this many of its events ({@code group.events}); the rest are counted. */
    public static final int EXAMPLES = 10;

    public Group {
        routes = List.copyOf(routes);
        examples = List.copyOf(examples);
    }

    /** This group with the sequence the store gave it. */
    Group withSeq(long newSeq) {
        return new Group(id, newSeq, sink, routes, severity, key, openedAt, digests, lastDigestAt, due, interval, repeat,
                count, examples, last);
    }

    /** Every event key it refers to, each once. */
    List<Long> keys() {
        if (count == 0 || examples.contains(last)) {
            return examples;
        }
        List<Long> all = new java.util.ArrayList<>(examples);
        all.add(last);
        return all;
    }
}
