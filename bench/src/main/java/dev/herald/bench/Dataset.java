package dev.herald.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.zip.GZIPOutputStream;

/**
 * A generated gzipped JSON Lines file and what the rule selects in it. Files are kept under their
 * parameters' name and made again only when missing: the same seed always gives the same bytes.
 *
 * @param file      the {@code .jsonl.gz} file
 * @param lines     how many lines it has
 * @param rawBytes  its size uncompressed, line breaks included
 * @param selected  the numbers (from 1) of the lines the rule selects
 */
record Dataset(Path file, long lines, long rawBytes, BitSet selected) {

    /** How many messages a forwarder must deliver. */
    int expected() {
        return selected.cardinality();
    }

    /** The dataset of {@code lines} lines of {@code workload} from {@code seed}, made if missing. */
    static Dataset of(Workload workload, long seed, int lines, Path directory) throws IOException {
        Files.createDirectories(directory);
        String name = workload.source + "-s" + seed + "-n" + lines;
        Path file = directory.resolve(name + ".jsonl.gz");
        Path index = directory.resolve(name + ".selected");
        Path sizes = directory.resolve(name + ".rawbytes");
        if (Files.exists(file) && Files.exists(index) && Files.exists(sizes)) {
            return new Dataset(file, lines, Long.parseLong(Files.readString(sizes).trim()),
                    BitSet.valueOf(Files.readAllBytes(index)));
        }
        BitSet selected = new BitSet(lines + 1);
        long raw = 0;
        Path partial = directory.resolve(name + ".partial");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16);
             Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            for (long n = 1; n <= lines; n++) {
                LineGenerator.Line line = workload.generator.line(LineGenerator.streamOf(seed, n), n);
                w.write(line.text());
                w.write('\n');
                raw += line.text().length() + 1; // generated text is ASCII
                if (line.matches()) {
                    selected.set((int) n);
                }
            }
        }
        Files.write(index, selected.toByteArray());
        Files.writeString(sizes, Long.toString(raw));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Dataset(file, lines, raw, selected);
    }
}
