package dev.herald.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store's file. At start, a file that cannot be read as a store is moved aside
 * ({@code herald.mv.db.corrupt-<time>}) and a new, empty store takes its place, so that Herald
 * runs again; what was lost is logged and kept as a {@link #notice()} for {@code herald:status}.
 * A file that another process holds is never moved: the error names it and how to find the holder.
 */
final class StoreFile {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /**
     * A page holding more than this (as MVStore estimates its memory) is split, unless it holds a
     * single entry. Every commit writes afresh each page it changed, the page's unchanged entries
     * included, and the old copy stays in its chunk as dead bytes; so the pages a commit touches at
     * the edges of a map (the last page of a log that grows, the first of one that is trimmed, the
     * chunk records in MVStore's layout map) should be small. MVStore's default, 16 KiB, kept
     * several event or seen-id blocks (4 to 8 KiB each) per page and rewrote the previous ones with
     * every new block, and made each commit rewrite 8 KiB of chunk records: about half of what the
     * store wrote was such dead copies. At 4 KiB a block has its page to itself. It is not stored
     * in the file: a store written with another size opens as before.
     */
    static final int PAGE_SPLIT_BYTES = 4 * 1024;

    private final Path file;
    /** An H2 file system prefix ({@code FilePath.register}) to open the file through; empty: the disk. */
    private final String fileSystem;
    private final int cacheMegabytes;
    private final Clock clock;
    /** Set on the writer at start, read by anyone later. */
    private volatile String notice;

    StoreFile(Path file, String fileSystem, int cacheMegabytes, Clock clock) {
        this.file = file;
        this.fileSystem = fileSystem;
        this.cacheMegabytes = cacheMegabytes;
        this.clock = clock;
    }

    Path path() {
        return file;
    }

    /** Why the store Herald runs on is not the one it had, when it was found corrupt at start. */
    Optional<String> notice() {
        return Optional.ofNullable(notice);
    }

    /**
     * Opens the file at start and runs {@code check} on it (the first reads). When either finds
     * the file unreadable, it is moved aside and a new store is opened and checked instead.
     */
    void openAtStart(Consumer<MVStore> check) {
        requireAccess();
        MVStore mv = null;
        try {
            mv = open();
            check.accept(mv);
            return;
        } catch (RuntimeException e) {
            if (mv != null) {
                mv.closeImmediately();
            }
            if (has(e, DataUtils.ERROR_FILE_LOCKED)) {
                throw locked(e);
            }
            if (has(e, DataUtils.ERROR_WRITING_FAILED)) {
                throw new StoreException("cannot write to the store " + file + " at start (" + e.getMessage()
                        + "): free space on its disk (or fix the disk), then start Herald again", e);
            }
            if (!Files.exists(file)) {
                throw e;
            }
            moveAside(e);
        }
        check.accept(open());
    }

    /**
     * Opens the file again after a failed write closed it, and runs {@code check} on it; nothing
     * is moved aside here: MVStore finds its last complete commit, and a file that is unreadable
     * now is left for the next start to judge.
     */
    void reopen(Consumer<MVStore> check) {
        MVStore mv = null;
        try {
            mv = open();
            check.accept(mv);
        } catch (RuntimeException e) {
            if (mv != null) {
                mv.closeImmediately();
            }
            throw has(e, DataUtils.ERROR_FILE_LOCKED) ? locked(e) : e;
        }
    }

    private MVStore open() {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the store's directory " + file.getParent() + ": " + e
                    + "; check that Herald's user may write there, or set store_directory in dev.herald.core", e);
        }
        // no page compression: the event log compresses its blocks itself, once, and the other
        // maps hold small records that compress badly (a store written with it still opens)
        return new MVStore.Builder().fileName(fileSystem + file).autoCommitDisabled()
                .cacheSize(cacheMegabytes).pageSplitSize(PAGE_SPLIT_BYTES).open();
    }

    /** A file Herald may not read or write is a setup problem, never a reason to move it. */
    private void requireAccess() {
        if (Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file))) {
            throw new StoreException("the store " + file + " exists but Herald's user may not read and write it:"
                    + " fix its owner or permissions, then start Herald again", null);
        }
    }

    private void moveAside(RuntimeException cause) {
        Path aside = asideName();
        try {
            Files.move(file, aside);
        } catch (IOException e) {
            StoreException failed = new StoreException("the store " + file + " cannot be read (" + cause.getMessage()
                    + ") and cannot be moved aside to " + aside + " (" + e + "): move or delete it by hand,"
                    + " then start Herald again", e);
            failed.addSuppressed(cause);
            throw failed;
        }
        notice = "the store " + file + " was corrupt (" + cause.getMessage() + ") and was moved to " + aside
                + "; events, outbox entries, dead letters, quarantined records, checkpoints and counters in it"
                + " were not recovered: sources resume from their configured start, deliveries that were waiting"
                + " are lost. Herald runs on a new, empty store.";
        LOG.error("STORE REPLACED: {}", notice, cause);
    }

    private Path asideName() {
        String base = file.getFileName() + ".corrupt-" + STAMP.format(clock.instant());
        Path aside = file.resolveSibling(base);
        for (int i = 2; Files.exists(aside); i++) {
            aside = file.resolveSibling(base + "-" + i);
        }
        return aside;
    }

    private StoreException locked(RuntimeException e) {
        return new StoreException("the store " + file + " is locked by another process (another Herald, or a tool"
                + " that opened it). Find it with 'fuser -v " + file + "' or 'lsof " + file + "', stop it,"
                + " then start Herald again; or give this Herald its own store_directory in dev.herald.core", e);
    }

    /** Whether MVStore gave this error code anywhere in the chain. */
    private static boolean has(Throwable e, int errorCode) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MVStoreException m && m.getErrorCode() == errorCode) {
                return true;
            }
        }
        return false;
    }
}
