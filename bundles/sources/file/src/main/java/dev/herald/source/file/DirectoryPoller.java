package dev.herald.source.file;

import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.record.RecordKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at the directory: reads every settled file that has something new (see {@link
 * FileIngest}), then forgets the positions of files that no longer exist. A directory that cannot
 * be read, a file that cannot be read and a journal that refuses a batch are logged once (not at
 * every poll) and tried again at the next poll; the first two are the source's {@link
 * Journal#problem problem} (shown by {@code herald:status}) until they are read again. A
 * symbolic link that matches the include patterns is quarantined once per run and never followed.
 */
final class DirectoryPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryPoller.class);
    /** Past the moment a file may have settled: the clocks the scanner reads tick in whole milliseconds. */
    private static final Duration SETTLE_MARGIN = Duration.ofMillis(10);
    /** Looks at once while new directories turn up; past that, their watches wake the next poll. */
    private static final int MAX_LOOKS = 8;

    private final FileSourceSettings settings;
    private final Journal journal;
    private final BooleanSupplier stopping;
    private final DirectoryScanner scanner;
    private final DirectoryWatch watch;
    private final FileIngest ingest;
    private String directoryProblem;
    /** Per stream, what keeps a file from being read, in the order they came. */
    private final Map<String, String> fileProblems = new LinkedHashMap<>();
    private final Set<String> reportedLinks = new HashSet<>();

    DirectoryPoller(FileSourceSettings settings, Journal journal, BooleanSupplier stopping, RecordKinds kinds) {
        this.settings = settings;
        this.journal = journal;
        this.stopping = stopping;
        this.scanner = new DirectoryScanner(settings.directory(), settings.include(), settings.settleMillis());
        this.watch = new DirectoryWatch("File source '" + settings.name() + "'", settings.directory());
        this.ingest = new FileIngest(settings, journal, stopping, kinds);
    }

    void poll() {
        DirectoryScanner.Listing listing;
        try {
            listing = scanner.scan();
        } catch (IOException e) {
            directoryUnreadable(e);
            reportProblem();
            return;
        }
        if (directoryProblem != null) {
            LOG.info("File source '{}': directory {} is readable again", settings.name(), settings.directory());
            directoryProblem = null;
        }
        // a directory watched for the first time may have got entries (subdirectories too) before
        // its watch began: look again until no new directory turns up
        for (int looks = 1; watch.watch(listing.directories()) && looks < MAX_LOOKS; looks++) {
            listing = rescan(listing);
        }
        quarantineLinks(listing);
        Set<String> listed = new HashSet<>();
        listing.files().forEach(f -> listed.add(f.stream()));
        fileProblems.keySet().retainAll(listed); // a file no longer listed is no longer tried
        Map<String, String> positions = journal.checkpoints(settings.name());
        try {
            for (FoundFile file : listing.files()) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                try {
                    if (!ingest.read(file, FilePosition.decode(positions.get(file.stream())))) {
                        return;
                    }
                    fileProblems.remove(file.stream());
                } catch (IOException | RuntimeException e) {
                    if (stopping.getAsBoolean()) {
                        return; // interrupted by the stop, see PollLoop
                    }
                    fileUnreadable(file, e);
                }
            }
            forgetVanished(positions.keySet());
        } finally {
            reportProblem();
        }
    }

    private DirectoryScanner.Listing rescan(DirectoryScanner.Listing listing) {
        try {
            return scanner.scan();
        } catch (IOException e) {
            return listing; // read again at the next look
        }
    }

    /**
     * Waits until the next look at the directory is due: the poll interval, less when a file seen
     * unsettled may have settled by then, and no longer once a new entry appears in the directory.
     *
     * @throws InterruptedException when the source is stopping
     */
    void awaitNextLook() throws InterruptedException {
        Duration wait = settings.pollInterval();
        Optional<Duration> settling = scanner.untilFirstMaySettle().map(d -> d.plus(SETTLE_MARGIN));
        if (settling.isPresent() && settling.get().compareTo(wait) < 0) {
            wait = settling.get();
        }
        watch.await(wait);
    }

    @Override
    public void close() {
        watch.close();
    }

    private void quarantineLinks(DirectoryScanner.Listing listing) {
        reportedLinks.retainAll(listing.links());
        for (String link : listing.links()) {
            if (reportedLinks.add(link)) {
                String target = linkTarget(link);
                String reason = "a symbolic link" + (target == null ? "" : " (to " + target + ")") + ": the file source"
                        + " never follows links, so that nothing outside " + settings.directory() + " is read;"
                        + " move or copy the file itself into the directory";
                LOG.warn("File source '{}': skipping {}: {}", settings.name(), link, reason);
                journal.quarantine(settings.name(), link, reason, "");
            }
        }
    }

    private String linkTarget(String link) {
        try {
            return Files.readSymbolicLink(settings.directory().resolve(link)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private void forgetVanished(Set<String> streams) {
        for (String stream : new HashSet<>(streams)) {
            if (stopping.getAsBoolean() || Files.exists(settings.directory().resolve(stream))) {
                continue;
            }
            try {
                journal.removeCheckpoint(settings.name(), stream);
            } catch (JournalException e) {
                LOG.warn("File source '{}': could not forget the position of vanished file {} ({}); trying again at"
                        + " the next poll", settings.name(), stream, e.getMessage());
            }
        }
    }

    /** The directory's problem, else the first file's, else none. */
    private void reportProblem() {
        String problem = directoryProblem;
        if (problem == null && !fileProblems.isEmpty()) {
            Map.Entry<String, String> first = fileProblems.entrySet().iterator().next();
            problem = "cannot read " + first.getKey() + " (" + first.getValue() + ")"
                    + (fileProblems.size() > 1 ? " and " + (fileProblems.size() - 1) + " more files" : "")
                    + "; fix its permissions or remove it, trying again every " + settings.pollInterval().toSeconds()
                    + " s";
        } else if (problem != null) {
            problem = "cannot read directory " + settings.directory() + ": " + problem + "; create it, fix its"
                    + " permissions or change 'directory', looking again every " + settings.pollInterval().toSeconds()
                    + " s";
        }
        journal.problem(settings.name(), problem);
    }

    private void directoryUnreadable(IOException e) {
        String problem = e instanceof NoSuchFileException ? "it does not exist"
                : e instanceof NotDirectoryException ? "it is not a directory" : e.toString();
        if (!problem.equals(directoryProblem)) {
            LOG.warn("File source '{}': cannot read directory {}: {}. Create it, fix its permissions or change"
                    + " 'directory'; looking again every {} s", settings.name(), settings.directory(), problem,
                    settings.pollInterval().toSeconds());
            directoryProblem = problem;
        }
    }

    private void fileUnreadable(FoundFile file, Exception e) {
        String problem = e.toString();
        if (!Objects.equals(problem, fileProblems.put(file.stream(), problem))) {
            LOG.warn("File source '{}': cannot read {} ({}); what was committed stays committed, trying again at the"
                    + " next poll", settings.name(), file.stream(), problem);
        }
    }
}
