package dev.herald.source.file;

import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at the directory: reads every settled file that has something new (see {@link
 * FileIngest}), then forgets the positions of files that no longer exist. A directory that cannot
 * be read, a file that cannot be read and a journal that refuses a batch are logged once (not at
 * every poll) and tried again at the next poll.
 */
final class DirectoryPoller {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryPoller.class);

    private final FileSourceSettings settings;
    private final Journal journal;
    private final BooleanSupplier stopping;
    private final DirectoryScanner scanner;
    private final FileIngest ingest;
    private String directoryProblem;
    private final Map<String, String> fileProblems = new HashMap<>();

    DirectoryPoller(FileSourceSettings settings, Journal journal, BooleanSupplier stopping) {
        this.settings = settings;
        this.journal = journal;
        this.stopping = stopping;
        this.scanner = new DirectoryScanner(settings.directory(), settings.include(), settings.settleMillis());
        this.ingest = new FileIngest(settings, journal, stopping);
    }

    void poll() {
        List<FoundFile> files;
        try {
            files = scanner.scan();
        } catch (IOException e) {
            directoryUnreadable(e);
            return;
        }
        if (directoryProblem != null) {
            LOG.info("File source '{}': directory {} is readable again", settings.name(), settings.directory());
            directoryProblem = null;
        }
        Map<String, String> positions = journal.checkpoints(settings.name());
        for (FoundFile file : files) {
            if (stopping.getAsBoolean()) {
                return;
            }
            try {
                if (!ingest.read(file, FilePosition.decode(positions.get(file.stream())))) {
                    return;
                }
                fileProblems.remove(file.stream());
            } catch (IOException e) {
                fileUnreadable(file, e);
            }
        }
        forgetVanished(positions.keySet());
    }

    private void forgetVanished(Set<String> streams) {
        for (String stream : new HashSet<>(streams)) {
            if (stopping.getAsBoolean() || Files.exists(settings.directory().resolve(stream))) {
                continue;
            }
            try {
                journal.removeCheckpoint(settings.name(), stream);
                fileProblems.remove(stream);
            } catch (JournalException e) {
                LOG.warn("File source '{}': could not forget the position of vanished file {} ({}); trying again at"
                        + " the next poll", settings.name(), stream, e.getMessage());
            }
        }
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

    private void fileUnreadable(FoundFile file, IOException e) {
        String problem = e.toString();
        if (!Objects.equals(problem, fileProblems.put(file.stream(), problem))) {
            LOG.warn("File source '{}': cannot read {} ({}); what was committed stays committed, trying again at the"
                    + " next poll", settings.name(), file.stream(), problem);
        }
    }
}
