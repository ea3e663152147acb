package dev.herald.core.store;

import dev.herald.api.Severity;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.QuarantineView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Binary forms of the records the embedded store keeps (layout 2: entries refer to the event log). */
final class RecordCodec {
    private static final Severity[] SEVERITIES = Severity.values();
    /**
     * Records quarantined before the truncated flag existed have none: the journal cut their
     * content at this many characters (one less before a split surrogate pair), so content that
     * long is taken as cut. Content the source had already shortened cannot be told apart; a
     * retry of such a record fails again with a new reason, and harms nothing.
     */
    static final int LEGACY_CONTENT_CUT = 64 * 1024;

    private static final int SILENCE_VERSION = 1;

    private RecordCodec() {
    }

    static byte[] outbox(OutboxEntry e) {
        return writeOutbox(new BinaryWriter(64), e).toByteArray();
    }

    static OutboxEntry outbox(byte[] bytes) {
        return readOutbox(new BinaryReader(bytes));
    }

    static byte[] deadLetter(DeadLetter d) {
        BinaryWriter w = new BinaryWriter(96);
        w.writeVarLong(d.id()).writeString(d.reason()).writeVarLong(d.deadAt());
        return writeOutbox(w, d.entry()).toByteArray();
    }

    static DeadLetter deadLetter(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes);
        long id = r.readVarLong();
        String reason = r.readString();
        long deadAt = r.readVarLong();
        return new DeadLetter(id, readOutbox(r), reason, deadAt);
    }

    static byte[] delivery(DeliveryView d) {
        return delivery(new BinaryWriter(64), d).toByteArray();
    }

    /** A delivery as one record of the history holds it, and as each of a {@link HistoryBlock}'s. */
    static BinaryWriter delivery(BinaryWriter w, DeliveryView d) {
        return w.writeVarLong(d.at().toEpochMilli()).writeString(d.sink())
                .writeString(d.route()).writeString(d.eventId()).writeVarLong(d.attempt())
                .writeString(d.outcome()).writeString(d.detail());
    }

    static DeliveryView delivery(byte[] bytes) {
        return delivery(new BinaryReader(bytes));
    }

    static DeliveryView delivery(BinaryReader r) {
        return new DeliveryView(Instant.ofEpochMilli(r.readVarLong()), r.readString(), r.readString(),
                r.readString(), r.readVarInt(), r.readString(), r.readString());
    }

    static byte[] quarantine(QuarantineView q) {
        return new BinaryWriter(64).writeVarLong(q.id()).writeString(q.source()).writeString(q.location())
                .writeString(q.reason()).writeString(q.content()).writeVarLong(q.at().toEpochMilli())
                .writeByte(q.truncated() ? 1 : 0).toByteArray();
    }

    static QuarantineView quarantine(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes);
        long id = r.readVarLong();
        String source = r.readString();
        String location = r.readString();
        String reason = r.readString();
        String content = r.readString();
        Instant at = Instant.ofEpochMilli(r.readVarLong());
        boolean truncated = r.hasMore() ? r.readByte() == 1 : content.length() >= LEGACY_CONTENT_CUT - 1;
        return new QuarantineView(id, source, location, reason, content, at, truncated);
    }

    static byte[] counters(long[] values) {
        BinaryWriter w = new BinaryWriter(values.length * 3);
        for (long v : values) {
            w.writeVarLong(v);
        }
        return w.toByteArray();
    }

    static long[] counters(byte[] bytes) {
        long[] v = new long[Counter.values().length];
        if (bytes != null) {
            BinaryReader r = new BinaryReader(bytes);
            // counters written before a counter was added end early: the newer ones are 0
            for (int i = 0; i < v.length && r.hasMore(); i++) {
                v[i] = r.readVarLong();
            }
        }
        return v;
    }

    /** A silence: a version byte (1), then its fields; sinks as a count and the names. */
    static byte[] silence(Silence s) {
        BinaryWriter w = new BinaryWriter(128).writeByte(SILENCE_VERSION).writeVarLong(s.id())
                .writeString(s.pattern()).writeVarLong(s.sinks().size());
        s.sinks().forEach(w::writeString);
        return w.writeVarLong(s.start()).writeVarLong(s.end()).writeString(s.comment()).writeString(s.creator())
                .writeString(s.expiredBy()).toByteArray();
    }

    static Silence silence(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes);
        int version = r.readByte();
        if (version != SILENCE_VERSION) {
            throw new StoreException("silence record of version " + version + " is newer than this Herald reads"
                    + " (it reads version " + SILENCE_VERSION + ")", null);
        }
        long id = r.readVarLong();
        String pattern = r.readString();
        List<String> sinks = new ArrayList<>();
        for (int i = r.readVarInt(); i > 0; i--) {
            sinks.add(r.readString());
        }
        return new Silence(id, pattern, sinks, r.readVarLong(), r.readVarLong(), r.readString(), r.readString(),
                r.readString());
    }

    /**
     * An entry is the record of earlier versions, then, only when it has more than one route, is a
     * replay's or is a digest: the count of the routes after the first, those routes, the replay's
     * id when there is one (null before a digest), and a digest's id, key, count, event keys and
     * last key. Earlier entries (and dead letters, which end with their entry) read as sent by
     * their one route outside any replay, and such an entry is written exactly as before.
     */
    private static BinaryWriter writeOutbox(BinaryWriter w, OutboxEntry e) {
        w.writeVarLong(e.seq()).writeVarLong(e.due()).writeString(e.sink()).writeString(e.route())
                .writeByte(e.severity().ordinal()).writeVarLong(e.attempts()).writeVarLong(e.enqueuedAt())
                .writeVarLong(e.firstTryAt()).writeString(e.lastError()).writeVarLong(e.eventKey());
        List<String> more = e.routes().subList(1, e.routes().size());
        if (!more.isEmpty() || e.replay() != null || e.digest() != null) {
            w.writeVarLong(more.size());
            more.forEach(w::writeString);
            if (e.replay() != null || e.digest() != null) {
                w.writeString(e.replay());
            }
            if (e.digest() != null) {
                Digest d = e.digest();
                w.writeString(d.id()).writeString(d.key()).writeVarLong(d.count());
                writeKeys(w, d.events());
                w.writeVarLong(d.last());
            }
        }
        return w;
    }

    /**
     * The fields a stored outbox entry begins with, in every layout Herald has written (the first
     * layout's entries, which {@link LegacyLayout} moves, included).
     */
    record EntryHead(long seq, long due, String sink, String route, Severity severity, int attempts, long enqueuedAt,
                     long firstTryAt, String lastError) {
        static EntryHead read(BinaryReader r) {
            return new EntryHead(r.readVarLong(), r.readVarLong(), r.readString(), r.readString(),
                    SEVERITIES[r.readByte()], r.readVarInt(), r.readVarLong(), r.readVarLong(), r.readString());
        }
    }

    private static OutboxEntry readOutbox(BinaryReader r) {
        EntryHead h = EntryHead.read(r);
        long eventKey = r.readVarLong();
        List<String> routes = new ArrayList<>(List.of(h.route()));
        String replay = null;
        Digest digest = null;
        if (r.hasMore()) {
            for (int i = r.readVarInt(); i > 0; i--) {
                routes.add(r.readString());
            }
            replay = r.hasMore() ? r.readString() : null;
            if (r.hasMore()) {
                digest = new Digest(r.readString(), r.readString(), r.readVarLong(), readKeys(r), r.readVarLong());
            }
        }
        return new OutboxEntry(h.seq(), h.due(), h.sink(), h.route(), h.severity(), h.attempts(), h.enqueuedAt(),
                h.firstTryAt(), h.lastError(), eventKey, null, routes, replay, digest);
    }

    static byte[] group(Group g) {
        BinaryWriter w = new BinaryWriter(128).writeString(g.id()).writeVarLong(g.seq()).writeString(g.sink())
                .writeVarLong(g.routes().size());
        g.routes().forEach(w::writeString);
        w.writeByte(g.severity().ordinal()).writeString(g.key()).writeVarLong(g.openedAt()).writeVarLong(g.digests())
                .writeVarLong(g.lastDigestAt()).writeVarLong(g.due()).writeVarLong(g.interval())
                .writeVarLong(g.repeat()).writeVarLong(g.count());
        writeKeys(w, g.examples());
        return w.writeVarLong(g.last()).toByteArray();
    }

    static Group group(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes);
        String id = r.readString();
        long seq = r.readVarLong();
        String sink = r.readString();
        List<String> routes = new ArrayList<>();
        for (int i = r.readVarInt(); i > 0; i--) {
            routes.add(r.readString());
        }
        return new Group(id, seq, sink, routes, SEVERITIES[r.readByte()], r.readString(), r.readVarLong(),
                r.readVarInt(), r.readVarLong(), r.readVarLong(), r.readVarLong(), r.readVarLong(), r.readVarLong(),
                readKeys(r), r.readVarLong());
    }

    private static void writeKeys(BinaryWriter w, List<Long> keys) {
        w.writeVarLong(keys.size());
        keys.forEach(w::writeVarLong);
    }

    private static List<Long> readKeys(BinaryReader r) {
        List<Long> keys = new ArrayList<>();
        for (int i = r.readVarInt(); i > 0; i--) {
            keys.add(r.readVarLong());
        }
        return keys;
    }
}
