package dev.herald.core.store;

import dev.herald.core.CoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link Store} on H2 MVStore: one file, {@code herald.mv.db}, in the configured
 * directory. Auto-commit is off: a {@link #write} is the unit of commit, and a durable write is
 * forced to disk (when fsync is configured) before it returns.
 *
 * <p>MVStore reuses the space of dead chunks only after a retention time, so that a crash never
 * finds the last version it can trust overwritten. With fsync on, other commits (deliveries) are
 * forced to disk within {@link #SYNC_EVERY} as well, which makes a short retention safe and keeps
 * the file from growing by many seconds' worth of writes under heavy load.
 */
public final class MvStore implements Store {
    static final String FILE_NAME = "herald.mv.db";
    private static final Logger LOG = LoggerFactory.getLogger(MvStore.class);
    static final Duration SYNC_EVERY = Duration.ofSeconds(1);
    private static final int RETENTION_MILLIS = 10_000;
    private static final int COMPACT_EVERY_COMMITS = 1_000;
    private static final int COMPACT_TARGET_FILL = 50;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;

    private final CoreSettings settings;
    private final Path file;
    private final StoreThreads threads;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final MVStore mv;
    private final MvMaps maps;
    private final Dedupe dedupe;
    private long seq;
    private long commits;
    private boolean unsynced;
    private volatile boolean closed;

    private MvStore(CoreSettings settings) {
        this.settings = settings;
        this.file = settings.storeDirectory().resolve(FILE_NAME).toAbsolutePath();
        this.threads = new StoreThreads("herald-store");
        try {
            this.mv = threads.write(this::openFile).await();
        } catch (RuntimeException e) {
            threads.shutdown();
            throw new StoreException("cannot open the store " + file + " (is another Herald using it?): "
                    + e.getMessage(), e);
        }
        this.maps = new MvMaps(mv);
        this.dedupe = threads.write(() -> {
            Dedupe d = Dedupe.open(maps, settings.dedupeMaxIds(), settings.dedupeMaxAge());
            mv.commit();
            return d;
        }).await();
        this.seq = threads.read(() -> maps.meta().getOrDefault("seq", 0L));
        if (settings.fsync()) {
            mv.setRetentionTime(RETENTION_MILLIS);
            threads.everyPeriodOnWriter(this::syncIfNeeded, SYNC_EVERY);
        }
    }

    /** Opens (or creates) the store in {@code settings.storeDirectory()}. */
    public static MvStore open(CoreSettings settings) {
        return new MvStore(settings);
    }

    private MVStore openFile() throws IOException {
        Files.createDirectories(file.getParent());
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
                .cacheSize(settings.cacheMegabytes()).compress().open();
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work) {
        checkOpen();
        return threads.write(() -> {
            checkOpen();
            MvTransaction tx = new MvTransaction(maps, settings, dedupe, seq, System.currentTimeMillis());
            T r;
            try {
                r = work.apply(tx);
                tx.finish();
            } catch (RuntimeException | Error e) {
                rollback();
                throw e;
            }
            commit(durable);
            dedupe.committed();
            seq = tx.lastId();
            if (tx.droppedFromQuarantine() > 0) {
                LOG.warn("Quarantine is full ({} records): dropped the {} oldest", settings.quarantineSize(),
                        tx.droppedFromQuarantine());
            }
            for (String sink : tx.filledSinks()) {
                listeners.forEach(l -> l.accept(sink));
            }
            return r;
        });
    }

    private void commit(boolean durable) {
        try {
            mv.commit();
            if (durable && settings.fsync()) {
                mv.sync();
                unsynced = false;
            } else {
                unsynced = true;
            }
        } catch (RuntimeException e) {
            rollback();
            throw new StoreException("cannot commit to " + file + ": " + e.getMessage(), e);
        }
        if (++commits % COMPACT_EVERY_COMMITS == 0) {
            try {
                mv.compact(COMPACT_TARGET_FILL, COMPACT_WRITE_BYTES);
            } catch (RuntimeException e) {
                LOG.warn("Compacting {} failed; trying again later", file, e);
            }
        }
    }

    /** Forces recent commits to disk; runs on the writer between writes. */
    private void syncIfNeeded() {
        if (unsynced && !closed) {
            try {
                mv.sync();
                unsynced = false;
            } catch (RuntimeException e) {
                LOG.warn("Cannot force {} to disk; trying again in {}", file, SYNC_EVERY, e);
            }
        }
    }

    private void rollback() {
        mv.rollback();
        maps.forgetOpenMaps();
        dedupe.rolledBack();
    }

    @Override
    public <T> T read(Function<StoreView, T> query) {
        checkOpen();
        return threads.read(() -> query.apply(new MvView(maps, settings.recentEvents())));
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
            mv.close();
            return null;
        }).await();
        threads.shutdown();
    }

    /** Releases the file without committing, as a crash would: for tests of durability. */
    void abandon() {
        threads.write(() -> {
            closed = true;
            mv.closeImmediately();
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
