package dev.herald.it;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Karaf stopped ({@code bin/stop}) and started again while entries wait in a sink's outbox
 * because its peer is down: after the restart every waiting event is delivered once. Runs the
 * distribution as an operator does, since a Pax Exam container cannot restart Karaf; the kill -9
 * case is {@link CrashRecoveryIT}'s.
 */
public class KarafRestartWithEventsWaitingIT {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    public void restartingKarafDeliversEachWaitingEntryOnce() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-");
        RecordingHttpServer receiver = new RecordingHttpServer();
        receiver.failNext(Integer.MAX_VALUE);
        CloudTrailInbox inbox = new CloudTrailInbox("restart");
        HeraldServer herald = HeraldServer.unpack(work);
        herald.writeEtc("dev.herald.source.file-restart.cfg", "name = restart-files",
                "directory = " + inbox.directory(), "poll_interval = 1", "settle_time = 100");
        herald.writeEtc("dev.herald.sink.webhook-restart.cfg", "name = restart-hook", "url = " + receiver.url("/restart"));
        herald.writeEtc("dev.herald.route-restart.cfg", "name = restart",
                "pattern = {\"instance\": [\"restart-files\"]}", "sinks = restart-hook");
        // a healed peer is retried within seconds, not after a backoff of minutes
        herald.writeEtc("dev.herald.core.cfg", "delivery_backoff_max_ms = 4000");
        herald.bootFeatures("herald-sink-webhook");
        List<String> ids = inbox.drop(20);

        herald.start(work.resolve("first.log"));
        try {
            // the file's 20 entries entered the outbox in the transaction that committed it, before the first attempt
            Await.until(WAIT, () -> receiver.refused() >= 2,
                    () -> "the sink should be retrying against its peer's outage; " + herald.tail());
        } finally {
            herald.stop();
        }
        receiver.failNext(0);

        herald.start(work.resolve("second.log"));
        try {
            Await.until(WAIT, () -> receiver.deliveriesPerEvent().keySet().containsAll(ids),
                    () -> "after the restart " + receiver.deliveriesPerEvent().size() + " of " + ids.size()
                            + " delivered; " + herald.tail());
            // delivered in (due, sequence) order: once an event entered after the restart is delivered, no
            // entry older than it waits, and files are read in name order, so no re-read is pending either
            String last = inbox.drop(1).get(0);
            Await.until(WAIT, () -> receiver.deliveriesPerEvent().containsKey(last),
                    () -> "the event dropped after the restart was not delivered; " + herald.tail());
        } finally {
            herald.kill();
        }
        assertEquals("events accepted more than once", Map.of(), receiver.repeated(ids));
    }
}
