package dev.herald.core.journal;

import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.core.TestSettings;
import dev.herald.core.TestEvents;
import dev.herald.core.admin.SourceProblems;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.Counter;
import dev.herald.core.store.MvStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures batched appends of small events, after a warm-up of the JIT; prints the rate and asserts
 * only correctness. Ids are source-derived like an S3 source's (object key and line).
 */
class JournalThroughputTest {
    private static final int EVENTS = 200_000;
    private static final int BATCH = 1_000;
    private static final int WARM_UP = 50_000;

    @TempDir
    Path dir;

    @Test
    void appendsSmallEventsInBatches() throws Exception {
        RouteTable table = routes(
                route("logins", "{\"source\":[\"json\"],\"detail\":{\"action\":[\"login\"]}}", "log"),
                route("lab", "{\"detail\":{\"ip\":[{\"prefix\":\"10.0.7.\"}]}}", "siem"));
        try (MvStore store = MvStore.open(TestSettings.defaults(dir))) {
            JournalService journal = new JournalService(store, () -> table, new SourceProblems());
            for (int first = 0; first < WARM_UP; first += BATCH) {
                journal.append("warm-up", batch(first), null);
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long writer = writerThreadId();
            long writerCpu = threads.getThreadCpuTime(writer);
            long callerCpu = 0;
            long nanos = 0;
            int fresh = 0;
            for (int first = WARM_UP; first < WARM_UP + EVENTS; first += BATCH) {
                List<Event> batch = batch(first);
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                fresh += journal.append("bench", batch, Checkpoint.of(Integer.toString(first)));
                nanos += System.nanoTime() - start;
                callerCpu += threads.getCurrentThreadCpuTime() - cpu;
            }
            double seconds = nanos / 1e9;
            writerCpu = threads.getThreadCpuTime(writer) - writerCpu;
            long entries = store.read(v -> v.pending("log") + v.pending("siem"));
            System.out.printf("Journal append: %,d events in batches of %,d, 2 routes, %,d outbox entries, "
                    + "fsync on: %.2f s = %,.0f events/s; CPU per event: %.1f us appending thread (match, encode), "
                    + "%.1f us store writer%n", EVENTS, BATCH, entries, seconds, EVENTS / seconds,
                    callerCpu / 1e3 / EVENTS, writerCpu / 1e3 / EVENTS);
            assertEquals(EVENTS, fresh);
            assertEquals((WARM_UP + EVENTS) / 2L, (long) store.read(v -> v.pending("log")));
            assertEquals((WARM_UP + EVENTS) / 250L, (long) store.read(v -> v.pending("siem")), "one address in 250");
            assertEquals((long) EVENTS, store.read(v -> v.counters(Counter.Scope.SOURCE, "bench")).received());
        }
    }

    private static long writerThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("herald-store-writer"))
                .findFirst().orElseThrow().getId();
    }

    /** The events of one batch, built outside the measured time. */
    private static List<Event> batch(int first) {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        List<Event> batch = new ArrayList<>(BATCH);
        for (int n = first; n < first + BATCH; n++) {
            String raw = "{\"user\":\"u" + (n % 97) + "\",\"action\":\"" + (n % 2 == 0 ? "login" : "logout")
                    + "\",\"ip\":\"10.0." + (n % 250) + ".1\"}";
            batch.add(Event.builder().id("AWSLogs/illumio/summaries/2026/11/22/part-" + (n / 10_000) + ".json.gz#"
                            + n % 10_000).source("json").instance("bench").type("auth").time(t)
                    .severity(Severity.INFO).detail(TestEvents.json(raw)).raw(raw).build());
        }
        return batch;
    }
}
