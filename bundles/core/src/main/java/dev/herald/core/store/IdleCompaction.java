package dev.herald.core.store;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * Gives back the space of dead data while the store is idle, one bounded round at a time, on the
 * writer (so never while a write is under way).
 *
 * <p>Every commit writes one chunk; a chunk's space is reused only once nothing in it is live. The
 * event blocks live for hours, and each chunk that holds one also holds copies of pages that later
 * commits replaced, so without help most chunks stay mostly dead and the file keeps their space.
 * A round moves the live pages of the emptiest chunks into new chunks, so that the old ones die,
 * then moves chunks from the end of the file into free space nearer its start and cuts the end
 * off (MVStore's {@code compactMoveChunks}).
 */
final class IdleCompaction {
    /** Chunks are rewritten while the live share of their bytes is below this, in percent. */
    static final int TARGET_FILL = 90;
    /** Live bytes rewritten per step (a step is one commit). */
    static final int REWRITE_BYTES = 2 << 20;
    /** Chunks are moved only while free space between them is at least this share of the file, in percent. */
    static final int MOVE_BELOW_FILL = 95;
    /** Bytes of chunks moved per round. */
    static final long MOVE_BYTES = 4L << 20;

    private IdleCompaction() {
    }

    /**
     * One round: rewrites live pages and moves chunks for up to about {@code budgetNanos}, shrinking
     * the file as its end frees up.
     *
     * <p>Meanwhile MVStore may reuse the space of a chunk as soon as it is dead (retention time 0,
     * no older versions kept; both are put back after the round). That is safe because every
     * commit of the round, and everything before it, is forced to disk before the next commit is
     * written: the version a crash would find is always the latest, and a dead chunk is no part of
     * it. Queries are safe too: each registers the version it reads ({@link MvStore#read}), and
     * MVStore frees no chunk that a registered version still refers to.
     *
     * @return whether it changed anything: a next round may do more
     */
    static boolean round(MVStore mv, long budgetNanos) {
        long start = System.nanoTime();
        FileStore<?> file = mv.getFileStore();
        int retention = mv.getRetentionTime();
        int versions = mv.getVersionsToKeep();
        boolean changed = false;
        // what came before is on the disk: the version a crash would find is the last one
        mv.sync();
        mv.setRetentionTime(0);
        mv.setVersionsToKeep(0);
        try {
            do {
                long version = mv.getCurrentVersion();
                if (mv.compact(TARGET_FILL, REWRITE_BYTES)) {
                    mv.commit();
                    mv.sync();
                }
                if (file instanceof RandomAccessStore r) {
                    // frees the chunks the commits before killed, moves chunks into free space
                    // (forcing the file to disk before it overwrites anything) and cuts the end off
                    r.compactMoveChunks(MOVE_BELOW_FILL, MOVE_BYTES, mv);
                }
                // moving chunks commits a version of its own
                if (mv.getCurrentVersion() == version) {
                    break;
                }
                changed = true;
            } while (System.nanoTime() - start < budgetNanos);
        } finally {
            mv.setVersionsToKeep(versions);
            mv.setRetentionTime(retention);
        }
        return changed;
    }
}
