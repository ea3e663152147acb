package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.Test;

/**
 * Pulling the plug on Herald during a bulk ingest loses nothing: the distribution ({@code bin/karaf
 * server}) reads a large gzipped JSON-lines file through the file source, routes every line to a
 * syslog sink (TCP, octet counting) and a receiver here, and is killed ({@code kill -9}) twice
 * while the file is being read and delivered. Started again each time, it resumes the file at its
 * last committed batch, the journal drops the lines it already had, and every line arrives; a
 * line arrives twice only when the kill came between the sink sending it and the store recording
 * that it was sent: at most one sink batch per kill.
 */
public class BulkIngestCrashIT {
    private static final int LINES = 300_000;
    private static final int KILLS = 2;
    /** The syslog sink's batch (SyslogSink.MAX_BATCH): what one kill can leave sent but unrecorded. */
    private static final int SINK_BATCH = 500;
    private static final Duration WAIT = Duration.ofSeconds(300);

    @Test
    public void killingKarafDuringABulkIngestLosesNothingAndRepeatsAtMostABatchPerKill() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bulk-crash-");
        try (SyslogTcpReceiver receiver = new SyslogTcpReceiver()) {
            HeraldServer herald = HeraldServer.unpack(work);
            Path inbox = Files.createDirectories(work.resolve("inbox"));
            configure(herald, inbox, receiver.port());
            Path file = bulkFile(work.resolve("bulk.jsonl.gz"));

            herald.start(work.resolve("run-0.log"));
            Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            for (int kill = 1; kill <= KILLS; kill++) {
                long before = receiver.distinct();
                Await.until(WAIT, () -> receiver.distinct() >= before + LINES / 20,
                        () -> "before kill: " + receiver.distinct() + " of " + LINES + "; " + herald.tail());
                herald.kill();
                long atKill = receiver.distinct();
                assertTrue("kill " + kill + " must come during the ingest: " + atKill + " of " + LINES, atKill < LINES);
                System.out.printf("kill %d after %d of %d lines were delivered%n", kill, atKill, LINES);
                herald.start(work.resolve("run-" + kill + ".log"));
            }
            try {
                Await.until(WAIT, () -> receiver.distinct() == LINES,
                        () -> "after the restarts: " + receiver.distinct() + " of " + LINES + " delivered");
            } finally {
                herald.kill();
            }
            long repeats = receiver.messages() - LINES;
            System.out.printf("%d lines, %d kills: %d repeats%n", LINES, KILLS, repeats);
            assertEquals("every line arrived", LINES, receiver.distinct());
            assertTrue("repeats are at most one sink batch per kill, were " + repeats, repeats <= (long) KILLS * SINK_BATCH);
        }
    }

    /** JSON lines of one small shape; each line's event id is the file's name and line number. */
    private static Path bulkFile(Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < LINES; i++) {
                out.write(("{\"user\":\"u" + (i % 977) + "\",\"action\":\"login\",\"src_ip\":\"10.0." + (i / 256 % 256)
                        + "." + (i % 256) + "\",\"n\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    /** The file source, the route and the syslog sink as .cfg files; the demo taken out. */
    private static void configure(HeraldServer herald, Path inbox, int port) throws IOException {
        herald.removeDemo();
        herald.writeEtc("dev.herald.source.file-bulk.cfg",
                "name = bulk", "directory = " + inbox, "poll_interval = 1", "settle_time = 200");
        herald.writeEtc("dev.herald.sink.syslog-bulk.cfg",
                "name = bulk-syslog", "host = 127.0.0.1", "port = " + port, "transport = tcp",
                "framing = octet_counting", "header = rfc5424", "format = json");
        herald.writeEtc("dev.herald.route-bulk.cfg",
                "name = bulk", "pattern = {\"instance\": [\"bulk\"]}", "sinks = bulk-syslog");
        herald.bootFeatures("herald-sink-syslog", "herald-source-file");
    }
}
