package dev.herald.enrich.geoip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the tests' MaxMind databases with src/test/perl/write-test-databases.pl (Debian's
 * libmaxmind-db-writer-perl, which test.sh installs): GeoLite2-City.mmdb and GeoLite2-ASN.mmdb.
 */
final class TestDatabases {
    private static final Path SCRIPT = Path.of("src/test/perl/write-test-databases.pl");

    private TestDatabases() {
    }

    /** Writes both databases into {@code dir}, 198.51.100.0/24 located in {@code city}. */
    static void write(Path dir, String city) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("perl", SCRIPT.toString(), dir.toString(), city));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(SCRIPT + " did not finish within 60 s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(SCRIPT + " failed (exit " + p.exitValue() + "): " + output
                    + "\nIt needs Perl's MaxMind::DB::Writer: apt-get install libmaxmind-db-writer-perl (test.sh does)");
        }
    }
}
