package dev.herald.core.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The runbooks in a directory ({@code etc/herald/runbooks}): {@code <source>.json} holds those of
 * the events of that source ({@code pce.json} for PCE audit events, {@code cloudtrail.json} for
 * CloudTrail calls), in the format {@link RunbookFile} reads. {@link #refresh()} reads the files
 * that changed since it last looked; a file that cannot be used keeps the runbooks it had before
 * and is a {@linkplain #problems() problem} until it is fixed; a file removed takes its runbooks
 * with it.
 */
final class RunbookCatalogue {
    private static final String SUFFIX = ".json";

    private final Path directory;
    /** What was read from each file, by source; only {@link #refresh()} changes it. */
    private final Map<String, Loaded> files = new HashMap<>();
    private volatile Map<String, Map<String, Runbook>> bySource = Map.of();
    private volatile Map<String, String> problems = Map.of();

    RunbookCatalogue(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** The runbook for events of {@code source} and {@code type}, if the catalogue has one. */
    Optional<Runbook> find(String source, String type) {
        Map<String, Runbook> ofSource = bySource.get(source);
        return ofSource == null || type == null ? Optional.empty() : Optional.ofNullable(ofSource.get(type));
    }

    /** What is wrong with the catalogue, by file name; empty when every file is in use. */
    Map<String, String> problems() {
        return problems;
    }

    /** Reads the files added or changed since the last call and forgets the ones removed. */
    synchronized void refresh() {
        Map<String, String> found = new TreeMap<>();
        Map<String, Path> present = new TreeMap<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            list.forEach(p -> present.put(source(p), p));
        } catch (NoSuchFileException e) {
            // no catalogue: no runbooks, and nothing wrong
        } catch (IOException e) {
            // keep what was read; the directory itself is the problem
            found.put(directory.toString(), "cannot list the runbook catalogue: " + e);
            problems = Map.copyOf(found);
            return;
        }
        files.keySet().retainAll(present.keySet());
        present.forEach((source, path) -> {
            Loaded before = files.get(source);
            try {
                String stamp = stamp(path);
                if (before == null || !stamp.equals(before.stamp)) {
                    files.put(source, read(path, stamp, before));
                }
            } catch (IOException e) {
                files.put(source, new Loaded("unreadable", before == null ? Map.of() : before.runbooks,
                        "cannot read " + path + ": " + e));
            }
            Loaded now = files.get(source);
            if (now.problem != null) {
                found.put(path.getFileName().toString(), now.problem);
            }
        });
        Map<String, Map<String, Runbook>> next = new HashMap<>();
        files.forEach((source, loaded) -> next.put(source, loaded.runbooks));
        bySource = Map.copyOf(next);
        problems = Map.copyOf(found);
    }

    private static Loaded read(Path path, String stamp, Loaded before) throws IOException {
        String name = path.getFileName().toString();
        try {
            return new Loaded(stamp, Map.copyOf(RunbookFile.parse(name, Files.readString(path, StandardCharsets.UTF_8))),
                    null);
        } catch (CatalogueException e) {
            String kept = before == null ? "; no runbooks for these events until it is fixed"
                    : "; the runbooks read before stay in use until it is fixed";
            return new Loaded(stamp, before == null ? Map.of() : before.runbooks, e.getMessage() + kept);
        }
    }

    /** Changes whenever the file is written (its time or its size). */
    private static String stamp(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return a.lastModifiedTime().toMillis() + "/" + a.size();
    }

    private static String source(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /** A file as last read: its stamp then, the runbooks in use from it, and what is wrong with it. */
    private record Loaded(String stamp, Map<String, Runbook> runbooks, String problem) {
    }
}
