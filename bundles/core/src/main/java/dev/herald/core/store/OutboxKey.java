package dev.herald.core.store;

/** Orders an outbox: by due time, then by sequence. */
record OutboxKey(long due, long seq) implements Comparable<OutboxKey> {

    static OutboxKey of(OutboxEntry e) {
        return new OutboxKey(e.due(), e.seq());
    }

    @Override
    public int compareTo(OutboxKey o) {
        int c = Long.compare(due, o.due);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
