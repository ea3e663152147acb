package dev.herald.source.file;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits between two looks at the directory, and ends the wait as soon as an entry appears in the
 * directory or one of its subdirectories (a file moved or written in, a new subdirectory), so a
 * dropped file is read at once instead of at the next poll. Only new entries wake it: a file that
 * grows is looked at again at the next poll or once it may have settled, as before.
 *
 * <p>Where the file system cannot be watched (no watch service, the system's limit of watches
 * reached: {@code fs.inotify.max_user_watches} on Linux), the wait is the whole poll interval and
 * the reason is logged once.
 */
final class DirectoryWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatch.class);

    private final String owner;
    /** Null where the file system offers none. */
    private final WatchService service;
    private final Map<Path, WatchKey> watched = new HashMap<>();
    private boolean unwatchableReported;

    /** @param owner who watches, for the log: {@code File source 'demo'} */
    DirectoryWatch(String owner, Path directory) {
        this.owner = owner;
        WatchService made = null;
        try {
            made = directory.getFileSystem().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            unwatchable(e);
        }
        this.service = made;
    }

    /**
     * Watches exactly these directories from now on (those the last look found), and no others.
     *
     * @return whether one of them was not watched before: a file may have appeared in it between
     *         that look and now, unseen by both
     */
    boolean watch(Collection<Path> directories) {
        if (service == null) {
            return false;
        }
        boolean added = false;
        Set<Path> wanted = new HashSet<>(directories);
        watched.entrySet().removeIf(e -> {
            boolean gone = !wanted.contains(e.getKey()) || !e.getValue().isValid();
            if (gone) {
                e.getValue().cancel();
            }
            return gone;
        });
        for (Path dir : wanted) {
            if (!watched.containsKey(dir)) {
                try {
                    watched.put(dir, dir.register(service, ENTRY_CREATE));
                    added = true;
                } catch (NoSuchFileException vanished) {
                    // removed since the look that found it
                } catch (ClosedWatchServiceException stopped) {
                    return false; // the source stopped while this look was still under way
                } catch (IOException | UnsupportedOperationException e) {
                    unwatchable(e); // the watch limit, say: the poll still finds the directory's files
                }
            }
        }
        return added;
    }

    /**
     * Waits {@code max}, or less when an entry appears meanwhile (also one that appeared since the
     * last wait and was not waited for yet).
     *
     * @throws InterruptedException when the source is stopping
     */
    void await(Duration max) throws InterruptedException {
        if (service == null) {
            TimeUnit.MILLISECONDS.sleep(max.toMillis());
            return;
        }
        WatchKey key;
        try {
            key = service.poll(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ClosedWatchServiceException e) {
            throw new InterruptedException("the watch of the directory was closed");
        }
        // take every key that is ready: one look at the directory answers them all
        while (key != null) {
            key.pollEvents();
            key.reset();
            key = service.poll();
        }
    }

    private void unwatchable(Exception e) {
        if (!unwatchableReported) {
            unwatchableReported = true;
            LOG.info("{}: new files are noticed at the next poll only, as the file system cannot be watched ({})",
                    owner, e.toString());
        }
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debug("{}: closing the watch service failed", owner, e);
            }
        }
    }
}
