package dev.herald.core.digest;

import dev.herald.api.Severity;
import dev.herald.core.route.GroupSpec;
import dev.herald.core.store.Digest;
import dev.herald.core.store.Group;
import dev.herald.core.store.StoreTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * How events join groups and how a due group is flushed, inside the store transaction that
 * commits them: the group's state and its pending events are in the store, so a crash or restart
 * neither loses a pending digest nor sends one twice (beyond a retry of the same digest, with the
 * same idempotency key).
 */
public final class Grouping {
    private static final char SEP = '\0';

    private Grouping() {
    }

    /**
     * Adds a logged event to its group for a sink instead of sending it on its own.
     *
     * @param routes   every route that sends the event to the sink, the grouping one first
     * @param severity the event's effective severity for the sink
     * @param key      the event's group key under the first route's {@code spec}
     */
    public static void join(StoreTransaction tx, String sink, List<String> routes, Severity severity, GroupSpec spec,
                            GroupSpec.GroupKey key, long eventKey, long now) {
        String id = sink + SEP + routes.get(0) + SEP + key.id();
        Group g = tx.group(id).filter(open -> open.count() > 0 || now < open.lastDigestAt() + open.repeat())
                .orElse(null);
        long interval = spec.groupInterval().toMillis();
        long repeat = spec.repeatInterval().toMillis();
        if (g == null) {
            tx.putGroup(new Group(id, 0, sink, routes, severity, key.text(), now, 0, 0, now + spec.groupWait().toMillis(),
                    interval, repeat, 1, List.of(eventKey), eventKey));
        } else if (g.count() == 0) {
            tx.putGroup(new Group(id, g.seq(), sink, routes, severity, g.key(), g.openedAt(), g.digests(),
                    g.lastDigestAt(), nextTick(g.lastDigestAt(), interval, now), interval, repeat, 1, List.of(eventKey),
                    eventKey));
        } else {
            List<String> allRoutes = new ArrayList<>(g.routes());
            routes.stream().filter(r -> !allRoutes.contains(r)).forEach(allRoutes::add);
            List<Long> examples = g.examples();
            if (examples.size() < Group.EXAMPLES) {
                examples = new ArrayList<>(examples);
                examples.add(eventKey);
            }
            tx.putGroup(new Group(id, g.seq(), sink, allRoutes, severity.atLeast(g.severity()), g.key(), g.openedAt(),
                    g.digests(), g.lastDigestAt(), g.due(), g.interval(), g.repeat(), g.count() + 1, examples,
                    eventKey));
        }
    }

    /**
     * The first digest time of a group whose last digest went at {@code last}, on the group's
     * ticks every {@code interval} after it, at or after {@code now}: as Alertmanager does, an
     * event of a group that sent a digest waits for the group's next tick.
     */
    static long nextTick(long last, long interval, long now) {
        long ticks = Math.max(1, (now - last + interval - 1) / interval);
        return last + ticks * interval;
    }

    /**
     * Acts on a group that is due: sends its pending events as one digest outbox entry and keeps
     * the group open, quiet, for its repeat interval; a quiet group past that is closed.
     *
     * @return whether a digest was enqueued
     */
    public static boolean flush(StoreTransaction tx, Group g, long now) {
        if (g.count() == 0) {
            tx.removeGroup(g.id());
            return false;
        }
        int number = g.digests() + 1;
        Digest digest = new Digest(g.id() + SEP + g.openedAt() + SEP + number, g.key(), g.count(), g.examples(),
                g.last());
        tx.enqueueDigest(g.sink(), g.routes(), g.severity(), digest, now);
        tx.putGroup(new Group(g.id(), g.seq(), g.sink(), List.of(g.routes().get(0)), Severity.INFO, g.key(),
                g.openedAt(), number, now, now + g.repeat(), g.interval(), g.repeat(), 0, List.of(), 0));
        return true;
    }
}
