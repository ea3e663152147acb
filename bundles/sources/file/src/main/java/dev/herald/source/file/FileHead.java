package dev.herald.source.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The first bytes of a file: whether it is gzip, and a CRC of them that tells an appended file
 * (same beginning) from a replaced one, and that ties the ids of records without one to the
 * file's content.
 *
 * @param gzip whether the file starts with gzip's magic bytes
 * @param crc  the CRC-32 of its first {@link #LENGTH} bytes (fewer if it is shorter), 8 hex digits
 */
record FileHead(boolean gzip, String crc) {
    /** How many bytes the CRC covers at most. */
    static final int LENGTH = 4096;

    /** Reads the head of a file whose size is {@code size}. */
    static FileHead read(Path file, long size) throws IOException {
        byte[] bytes = first(file, size);
        boolean gzip = bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
        return new FileHead(gzip, crc(bytes));
    }

    /** The CRC of the file's first {@code min(size, LENGTH)} bytes, as it is now. */
    static String crcOf(Path file, long size) throws IOException {
        return crc(first(file, size));
    }

    /**
     * Opens a file for reading without following a symbolic link: a file of the watched directory
     * must not lead the source to read what it points to.
     *
     * @throws java.nio.file.FileSystemException when it is a link (too many levels of symbolic links)
     */
    static InputStream open(Path file) throws IOException {
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    private static byte[] first(Path file, long size) throws IOException {
        try (InputStream in = open(file)) {
            return in.readNBytes((int) Math.min(Math.max(size, 0), LENGTH));
        }
    }

    private static String crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }
}
