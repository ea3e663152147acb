package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference forwards exactly the selected lines, and the receiver tells exactly which it got. */
class ReferenceForwarderTest {

    @Test
    void theReceiverGetsEachSelectedLineOnceFromTheReference(@TempDir Path dir) throws Exception {
        for (Workload workload : Workload.values()) {
            Dataset data = Dataset.of(workload, 3, 1000, dir);
            try (SyslogReceiver receiver = new SyslogReceiver()) {
                ReferenceForwarder.main(new String[] {workload.name(), data.file().toString(), Integer.toString(receiver.port())});
                receiver.awaitDistinct(data.expected(), Duration.ofSeconds(10), Duration.ofSeconds(30), workload.name());
                assertTrue(receiver.differences(data.selected()).startsWith("missing 0 (first -1), unexpected 0 "),
                        receiver.differences(data.selected()));
                assertEquals(0, receiver.duplicates());
                assertEquals(0, receiver.unknown());
                assertTrue(receiver.sample().startsWith("<134>1 "), receiver.sample());
            }
        }
    }

    @Test
    void theReceiverCountsASecondCopyAsADuplicateAndAMissingLineAsMissing(@TempDir Path dir) throws Exception {
        Dataset data = Dataset.of(Workload.CLOUDTRAIL, 3, 200, dir);
        try (SyslogReceiver receiver = new SyslogReceiver()) {
            ReferenceForwarder.main(new String[] {"CLOUDTRAIL", data.file().toString(), Integer.toString(receiver.port())});
            ReferenceForwarder.main(new String[] {"CLOUDTRAIL", data.file().toString(), Integer.toString(receiver.port())});
            Await.until(() -> receiver.duplicates() == data.expected(), Duration.ofSeconds(30), "the second copies");
            BitSet more = (BitSet) data.selected().clone();
            more.set(201);
            assertTrue(receiver.differences(more).startsWith("missing 1 (first 201)"), receiver.differences(more));
        }
    }
}
