package dev.herald.core.store;

import dev.herald.core.CoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link Store} on H2 MVStore: one file, {@code herald.mv.db}, in the configured
 * directory. Auto-commit is off: a {@link #write} is the unit of commit, and a durable write is
 * forced to disk (when fsync is configured) before it returns. The force runs on a thread of its
 * own ({@link Syncer}): the writer commits the next write meanwhile, and one force covers the
 * commits made while the one before was under way.
 *
 * <p>MVStore reuses the space of dead chunks only after a retention time, so that a crash never
 * finds the last version it can trust overwritten. With fsync on, other commits (deliveries) are
 * forced to disk within {@link #SYNC_EVERY} as well, which makes a short retention safe and keeps
 * the file from growing by many seconds' worth of writes under heavy load.
 *
 * <p>What the retention does and does not cover (MVStore 2.4): a dead chunk is freed once it was
 * <em>written</em> at least {@link #RETENTION_MILLIS} ago and 5 versions were committed since it
 * died. The danger is a crash that loses the commits after the last one forced to disk and finds
 * a chunk that this last trusted version refers to overwritten. A chunk that died in a forced
 * commit (every durable write, every idle round) is never referred to by a trusted version again.
 * One that died in a commit not yet forced (a delivery's) is, for up to {@link #SYNC_EVERY}: the
 * retention keeps the chunks of the last 10 s, the ones a burst of commits kills, from being
 * reused meanwhile; an older chunk dying then could be, and only a power loss in that second
 * (not a process crash: the operating system still writes what the process wrote) could find it
 * overwritten. The retention is kept at 10 s; it is 0 only inside an idle round, see below.
 * Queries register the version they read ({@link #read}), so no chunk they may still read is freed.
 *
 * <p>Idle housekeeping ({@link IdleCompaction}): once no write came for {@link #IDLE_AFTER}, the
 * writer moves the live pages out of mostly dead chunks and chunks towards the start of the file,
 * in rounds of about {@link #HOUSEKEEPING_ROUND} every {@link #HOUSEKEEPING_EVERY}, so that dead
 * space is reused and the file shrinks. A round first forces everything to disk, then forces each
 * of its own commits before the next: the last trusted version is always the latest, which is why
 * the retention may be 0 during the round (and is put back after it). A write waits for at most
 * one round.
 *
 * <p>A write that fails on the disk (full, or an I/O error) makes MVStore close the file. The
 * store then says so in {@link #problems()} until a write succeeds, and opens the file again at
 * once (or, if that fails too, before the next write and every {@link #REOPEN_EVERY}); the failed
 * write kept nothing, and once the disk takes writes again everything resumes without a restart.
 */
public final class MvStore implements Store {
    static final String FILE_NAME = "herald.mv.db";
    private static final Logger LOG = LoggerFactory.getLogger(MvStore.class);
    static final Duration SYNC_EVERY = Duration.ofSeconds(1);
    /** How often a file closed by a failed write is opened again while nothing writes. */
    static final Duration REOPEN_EVERY = Duration.ofSeconds(5);
    private static final int RETENTION_MILLIS = 10_000;
    private static final int COMPACT_EVERY_COMMITS = 1_000;
    private static final int COMPACT_TARGET_FILL = 50;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;
    /** How long no write must have come before the idle housekeeping runs. */
    static final Duration IDLE_AFTER = Duration.ofSeconds(5);
    static final Duration HOUSEKEEPING_EVERY = Duration.ofMillis(500);
    /** About how long one round of the idle housekeeping rewrites pages. */
    static final Duration HOUSEKEEPING_ROUND = Duration.ofMillis(100);
    /** How often a commit also drops what is past the event log's retention. */
    static final Duration PRUNE_EVERY = Duration.ofSeconds(1);

    private final CoreSettings settings;
    private final Path file;
    private final StoreFile storeFile;
    private final StoreThreads threads;
    /** Forces durable commits to disk off the writer; null when fsync is off. */
    private final Syncer syncer;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /** The open file and its maps; null after a failed write closed the file, until it is opened again. */
    private volatile MVStore mv;
    private volatile MvMaps maps;
    /** Used by the writer; volatile for {@link #idFingerprints} on any thread (its key is final). */
    private volatile Dedupe dedupe;
    private long seq;
    private long commits;
    private boolean unsynced;
    private long nextPrune;
    /** When the last write committed (nanoTime): the idle housekeeping waits for a pause. */
    private long lastWrite = System.nanoTime();
    /** Whether the idle housekeeping found nothing more to do since the last write. */
    private boolean settled;
    /** Why writes fail, from the last failed write until one succeeds; null when they work. */
    private volatile String failure;
    /** The file a force to disk failed for, and why, until the writer has dropped it; null when none did. */
    private volatile FailedForce failedForce;
    private volatile boolean closed;

    private MvStore(CoreSettings settings, String fileSystem) {
        this.settings = settings;
        this.file = settings.storeDirectory().resolve(FILE_NAME).toAbsolutePath();
        this.storeFile = new StoreFile(file, fileSystem, settings.cacheMegabytes(), Clock.systemUTC());
        this.threads = new StoreThreads("herald-store");
        this.syncer = settings.fsync() ? new Syncer("herald-store-syncer", this::forceFailed) : null;
        try {
            threads.write(() -> {
                storeFile.openAtStart(this::attach);
                return null;
            }).await();
        } catch (RuntimeException e) {
            if (syncer != null) {
                syncer.stop();
            }
            threads.shutdown();
            throw e instanceof StoreException ? e
                    : new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
        if (settings.fsync()) {
            threads.everyPeriodOnWriter(this::syncIfNeeded, SYNC_EVERY);
        }
        threads.everyPeriodOnWriter(this::reopenQuietly, REOPEN_EVERY);
        threads.everyPeriodOnWriter(this::housekeepIfIdle, HOUSEKEEPING_EVERY);
    }

    /** Opens (or creates) the store in {@code settings.storeDirectory()}. */
    public static MvStore open(CoreSettings settings) {
        return new MvStore(settings, "");
    }

    /**
     * Opens the store through an H2 file system registered with {@code FilePath.register} (its
     * prefix, e.g. {@code "fulldisk:"}): for tests that need a disk which fails on demand.
     */
    static MvStore open(CoreSettings settings, String fileSystem) {
        return new MvStore(settings, fileSystem);
    }

    /** Makes an opened file the store in use: its maps, dedupe key and sequence. Runs on the writer. */
    private void attach(MVStore opened) {
        MvMaps m = new MvMaps(opened);
        Dedupe d = Dedupe.open(m, settings.dedupeMaxIds(), settings.dedupeMaxAge());
        opened.commit();
        LegacyLayout.migrate(opened, m, () -> new MvTransaction(m, settings, d, m.meta().getOrDefault("seq", 0L),
                System.currentTimeMillis(), null));
        if (settings.fsync()) {
            opened.setRetentionTime(RETENTION_MILLIS);
        }
        seq = m.meta().getOrDefault("seq", 0L);
        dedupe = d;
        maps = m;
        mv = opened;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public IdFingerprints idFingerprints() {
        return dedupe.fingerprints();
    }

    @Override
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        storeFile.notice().ifPresent(out::add);
        String f = failure;
        if (f != null) {
            out.add(f);
        }
        return out;
    }

    @Override
    public <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work) {
        return submit(StoreThreads.Lane.QUEUED, durable, work);
    }

    @Override
    public <T> Pending<T> submitFirst(boolean durable, Function<StoreTransaction, T> work) {
        return submit(StoreThreads.Lane.FIRST, durable, work);
    }

    /**
     * Runs {@code work} in a transaction on the writer and commits it. A durable write (fsync on) is
     * then forced to disk by the {@link Syncer} while the writer goes on with the next write; the
     * returned {@link Pending} waits for both.
     */
    private <T> Pending<T> submit(StoreThreads.Lane lane, boolean durable, Function<StoreTransaction, T> work) {
        checkOpen();
        boolean forced = durable && syncer != null;
        Pending<Written<T>> written = threads.write(lane, () -> {
            checkOpen();
            discardAfterFailedForce();
            reopenIfClosed();
            long now = System.currentTimeMillis();
            boolean prune = now >= nextPrune;
            MvTransaction tx = new MvTransaction(maps, settings, dedupe, seq, now, prune ? retention() : null);
            T r;
            try {
                r = work.apply(tx);
                tx.finish();
                commit(forced);
            } catch (RuntimeException | Error e) {
                rollback(tx, e);
                throw e;
            }
            dedupe.committed();
            lastWrite = System.nanoTime();
            settled = false;
            seq = tx.lastId();
            if (prune) {
                nextPrune = now + PRUNE_EVERY.toMillis();
            }
            tx.committed();
            if (failure != null) {
                failure = null;
                LOG.info("Writes to the store {} work again", file);
            }
            if (tx.droppedFromQuarantine() > 0) {
                LOG.warn("Quarantine is full ({} records): dropped the {} oldest", settings.quarantineSize(),
                        tx.droppedFromQuarantine());
            }
            tx.droppedDeadLetters().forEach((sink, n) -> LOG.warn("Dead letters of sink {} are at their cap"
                    + " (dead_letter_max_per_sink = {}): dropped the {} oldest", sink,
                    settings.deadLetterMaxPerSink(), n));
            Runnable onDisk = onDisk(tx);
            if (forced) {
                return new Written<>(r, syncer.request(mv, onDisk));
            }
            onDisk.run();
            return new Written<>(r, null);
        });
        return () -> {
            Written<T> w = written.await();
            if (w.force() != null) {
                w.force().await();
            }
            return w.result();
        };
    }

    /**
     * What runs once a transaction is on disk: its {@link StoreTransaction#onDurable} actions, then
     * the outbox listeners of the sinks it gave entries (a sink sends nothing a crash of the
     * machine could still take back).
     */
    private Runnable onDisk(MvTransaction tx) {
        List<Runnable> actions = List.copyOf(tx.durableActions());
        List<String> filled = List.copyOf(tx.filledSinks());
        return () -> {
            actions.forEach(Runnable::run);
            for (String sink : filled) {
                listeners.forEach(l -> l.accept(sink));
            }
        };
    }

    /** A committed write's result, and its force to disk when it waits for one. */
    private record Written<T>(T result, Syncer.Ticket force) {
    }

    private EventLog.Retention retention() {
        return new EventLog.Retention(settings.eventRetention().toMillis(), settings.eventRetentionBytes());
    }

    /** @param forced whether the {@link Syncer} forces this commit to disk */
    private void commit(boolean forced) {
        try {
            mv.commit();
            unsynced |= !forced;
        } catch (RuntimeException e) {
            throw new StoreException("cannot commit to " + file + ": " + rootCause(e) + " (" + e.getMessage() + ")", e);
        }
        if (++commits % COMPACT_EVERY_COMMITS == 0) {
            try {
                mv.compact(COMPACT_TARGET_FILL, COMPACT_WRITE_BYTES);
            } catch (RuntimeException e) {
                LOG.warn("Compacting {} failed; trying again later", file, e);
                closedBy(e);
            }
        }
    }

    /** Undoes a transaction whose work or commit failed; a file the failure closed is opened again later. */
    private void rollback(MvTransaction tx, Throwable cause) {
        try {
            if (!closedBy(cause)) {
                mv.rollback();
                maps.forgetOpenMaps();
            }
        } catch (RuntimeException e) {
            closedBy(e);
        } finally {
            dedupe.rolledBack();
            tx.rolledBack();
        }
    }

    /**
     * Whether MVStore closed the file after {@code cause} (it does after a failed write); if so,
     * the store is marked failing, with the reason, until a write succeeds again, and the file is
     * opened again (MVStore finds its last complete commit).
     */
    private boolean closedBy(Throwable cause) {
        MVStore current = mv;
        if (current != null && !current.isClosed()) {
            return false;
        }
        mv = null;
        maps = null;
        if (current != null) {
            current.closeImmediately();
        }
        failing("a write to the store failed: " + rootCause(cause));
        // at once, so that reads work meanwhile; the failure stays until a write succeeds
        reopenQuietly();
        return true;
    }

    private void failing(String why) {
        String message = why + ". Herald opens the store again before the next write and every "
                + REOPEN_EVERY.toSeconds() + " s; sources retry their batches and deliveries wait. Free space on "
                + "the disk of " + file + " (or fix the disk): it resumes without a restart.";
        if (!message.equals(failure)) {
            LOG.error("Store {}: {}", file, message);
        }
        failure = message;
    }

    /** Opens the file again if a failed write closed it; throws, saying why, when it still cannot. */
    private void reopenIfClosed() {
        if (mv != null) {
            return;
        }
        try {
            storeFile.reopen(this::attach);
            LOG.info("Store {} opened again after a failed write", file);
        } catch (RuntimeException e) {
            failing("the store cannot be opened again after a failed write: " + rootCause(e) + " (" + e.getMessage() + ")");
            throw new StoreException(failure, e);
        }
    }

    /** The periodic reopening: its failure is already in {@link #problems()}. */
    private void reopenQuietly() {
        if (closed) {
            return;
        }
        try {
            reopenIfClosed();
        } catch (RuntimeException e) {
            LOG.debug("Store {} still cannot be opened", file, e);
        }
    }

    /**
     * Told by the {@link Syncer} that a force failed: what the disk kept is unknown, so the writer
     * drops the file's state in memory and opens it again, before any other write.
     */
    private void forceFailed(MVStore store, RuntimeException e) {
        failedForce = new FailedForce(store, e);
        LOG.error("Cannot force the store {} to disk: {}; opening it again", file, rootCause(e));
        try {
            threads.write(StoreThreads.Lane.FIRST, () -> {
                discardAfterFailedForce();
                return null;
            });
        } catch (RejectedExecutionException | IllegalStateException closing) {
            // the store is closing: its writer forced what waited itself, and nothing writes after it
        }
    }

    /**
     * After a failed force: closes the file without committing and opens it again, unless it was
     * opened again since; on the writer.
     */
    private void discardAfterFailedForce() {
        FailedForce failed = failedForce;
        if (failed == null) {
            return;
        }
        failedForce = null;
        if (failed.store() == mv) {
            failed.store().closeImmediately();
            closedBy(failed.cause());
        }
    }

    private record FailedForce(MVStore store, RuntimeException cause) {
    }

    /** Forces recent commits to disk; runs on the writer between writes. */
    private void syncIfNeeded() {
        if (unsynced && !closed && mv != null) {
            try {
                mv.sync();
                unsynced = false;
            } catch (RuntimeException e) {
                LOG.warn("Cannot force {} to disk; trying again in {}", file, SYNC_EVERY, e);
                closedBy(e);
            }
        }
    }

    /**
     * A round of {@link IdleCompaction} when no write came for {@link #IDLE_AFTER}; runs on the
     * writer between writes. Rounds stop once one changes nothing and every chunk is older than
     * the retention (younger ones cannot be rewritten yet), until the next write.
     */
    private void housekeepIfIdle() {
        long idle = System.nanoTime() - lastWrite;
        if (settled || closed || mv == null || idle < IDLE_AFTER.toNanos()) {
            return;
        }
        try {
            boolean changed = IdleCompaction.round(mv, HOUSEKEEPING_ROUND.toNanos());
            settled = !changed && idle > Duration.ofMillis(mv.getRetentionTime()).plus(IDLE_AFTER).toNanos();
        } catch (RuntimeException e) {
            LOG.warn("Compacting {} while idle failed; trying again later", file, e);
            closedBy(e);
        }
    }

    /** What the disk said, e.g. "No space left on device", under MVStore's and Herald's wrapping. */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public <T> T read(Function<StoreView, T> query) {
        checkOpen();
        return threads.read(() -> query(query));
    }

    @Override
    public <T> Pending<T> submitRead(Function<StoreView, T> query) {
        checkOpen();
        return threads.submitRead(() -> query(query));
    }

    /** Runs a query on the maps in use; on a reader. */
    private <T> T query(Function<StoreView, T> query) {
        MVStore s = mv;
        MvMaps m = maps;
        if (s == null || m == null) {
            throw new StoreException(failure, null);
        }
        // MVStore frees no chunk that this version refers to until the query is done, however
        // many commits and compactions run meanwhile
        MVStore.TxCounter reading = s.registerVersionUsage();
        try {
            return query.apply(new MvView(m, settings.recentEvents(), settings.historySize()));
        } finally {
            s.deregisterVersionUsage(reading);
        }
    }

    @Override
    public void addOutboxListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeOutboxListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        threads.write(() -> {
            closed = true;
            if (syncer != null) {
                syncer.stop();
            }
            if (mv != null) {
                try {
                    mv.close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing the store {} failed; its last commit is kept", file, e);
                    mv.closeImmediately();
                }
            }
            return null;
        }).await();
        threads.shutdown();
        Zstandard.releaseKept();
    }

    /** Releases the file without committing, as a crash would: for tests of durability. */
    void abandon() {
        threads.write(() -> {
            closed = true;
            if (syncer != null) {
                syncer.stop();
            }
            if (mv != null) {
                mv.closeImmediately();
            }
            return null;
        }).await();
        threads.shutdown();
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("the store " + file + " is closed", null);
        }
    }
}
