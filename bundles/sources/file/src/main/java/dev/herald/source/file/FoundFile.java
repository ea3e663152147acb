package dev.herald.source.file;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file in the watched directory, as the scan saw it.
 *
 * @param stream its path relative to the directory, with {@code /} separators: its checkpoint
 *               stream and the location named in quarantine entries
 * @param path   where it is
 * @param size   its size in bytes
 * @param mtime  when it was last modified
 */
record FoundFile(String stream, Path path, long size, Instant mtime) {
}
