package dev.herald.source.file;

import dev.herald.api.record.CloudTrailFiles;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the files to read: regular files under the directory (subdirectories included, names
 * starting with {@code .} skipped, as writers use them for files in progress) that match the
 * include patterns and have settled, in path order. CloudTrail digest files are never read (they
 * hold hashes, not events). Symbolic links are never followed, neither to files nor into
 * directories; links that match the include patterns are listed apart, for the source to report.
 *
 * <p>A file has settled when its modification time is at least the settle time ago, or when this
 * scanner has seen it with the same size and modification time for that long (which also covers
 * a modification time in the future, from a skewed clock).
 */
final class DirectoryScanner {
    private static final int MAX_DEPTH = 32;

    /**
     * What a look at the directory found.
     *
     * @param files       the files to read, in path order
     * @param links       the stream names of symbolic links that match the include patterns (not read)
     * @param directories the directory and the subdirectories looked into
     */
    record Listing(List<FoundFile> files, List<String> links, List<Path> directories) {
    }

    /** A file that has not settled yet: how it looked, and since when (System.nanoTime). */
    private record Sighting(long size, Instant mtime, long since) {
    }

    private final Path directory;
    private final IncludePatterns include;
    private final long settleMillis;
    private final Map<String, Sighting> unsettled = new HashMap<>();

    DirectoryScanner(Path directory, IncludePatterns include, long settleMillis) {
        this.directory = directory;
        this.include = include;
        this.settleMillis = settleMillis;
    }

    /** @throws IOException when the directory itself cannot be read */
    Listing scan() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw Files.exists(directory) ? new NotDirectoryException(directory.toString())
                    : new NoSuchFileException(directory.toString());
        }
        List<FoundFile> found = new ArrayList<>();
        List<String> links = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        Files.walkFileTree(directory, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(directory) && hidden(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        directories.add(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        Path relative = directory.relativize(file);
                        if (hidden(file) || !include.matches(relative) || CloudTrailFiles.isDigest(stream(relative))) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isSymbolicLink()) {
                            links.add(stream(relative));
                        } else if (attrs.isRegularFile()) {
                            found.add(new FoundFile(stream(relative), file, attrs.size(), attrs.lastModifiedTime().toInstant()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (file.equals(directory)) {
                            throw e;
                        }
                        return FileVisitResult.CONTINUE; // a subdirectory or file that vanished or is unreadable
                    }
                });
        found.sort(Comparator.comparing(FoundFile::stream));
        links.sort(Comparator.naturalOrder());
        return new Listing(settled(found), links, directories);
    }

    /** The stream name of a file relative to the directory. */
    static String stream(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private List<FoundFile> settled(List<FoundFile> found) {
        long nowMillis = System.currentTimeMillis();
        long nowNanos = System.nanoTime();
        Set<String> seen = new HashSet<>();
        List<FoundFile> settled = new ArrayList<>();
        for (FoundFile f : found) {
            seen.add(f.stream());
            if (hasSettled(f, nowMillis, nowNanos)) {
                unsettled.remove(f.stream());
                settled.add(f);
            }
        }
        unsettled.keySet().retainAll(seen);
        return settled;
    }

    /**
     * How long until the first file seen unsettled may have settled, if it stays as it is; empty
     * when every file listed has settled.
     */
    Optional<Duration> untilFirstMaySettle() {
        long nowMillis = System.currentTimeMillis();
        long nowNanos = System.nanoTime();
        long soonest = Long.MAX_VALUE;
        for (Sighting s : unsettled.values()) {
            long byMtime = s.mtime().toEpochMilli() + settleMillis - nowMillis;
            long bySighting = (s.since() - nowNanos) / 1_000_000L + settleMillis;
            soonest = Math.min(soonest, Math.min(byMtime, bySighting));
        }
        return soonest == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, soonest)));
    }

    private boolean hasSettled(FoundFile f, long nowMillis, long nowNanos) {
        if (nowMillis - f.mtime().toEpochMilli() >= settleMillis) {
            return true;
        }
        Sighting last = unsettled.get(f.stream());
        if (last == null || last.size() != f.size() || !last.mtime().equals(f.mtime())) {
            unsettled.put(f.stream(), new Sighting(f.size(), f.mtime(), nowNanos));
            return false;
        }
        return nowNanos - last.since() >= settleMillis * 1_000_000L;
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
