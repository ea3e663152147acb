package dev.herald.source.file;

import static dev.herald.source.file.TestConfig.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.record.RecordException;
import dev.herald.testkit.Await;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.journal.MemoryJournal;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The component as DS runs it: its own thread, polling until deactivated. */
class FileSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path home;

    private final MemoryJournal journal = new MemoryJournal();

    @Test
    void readsFilesDroppedIntoARelativeDirectoryUnderTheHeraldHomeAsTheyAppear() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("demo/inbox"));
        Files.write(inbox.resolve("pce-audit-events.jsonl"), DirectoryPollerTest.fixture("pce-audit-events.jsonl"));
        FileSource source = new FileSource(config("name", "demo", "directory", "demo/inbox", "settle_time", 0L,
                "poll_interval", 1), journal, context(home), HeraldKinds.all());
        try {
            await(() -> journal.events().size() == 11, "the PCE events");
            Files.write(inbox.resolve("cloudtrail.json"), DirectoryPollerTest.fixture("cloudtrail-123456789012.json"));
            await(() -> journal.events().size() == 21, "the CloudTrail records dropped later");
        } finally {
            source.stop();
        }
        assertTrue(journal.events().stream().allMatch(e -> e.instance().equals("demo")));
    }

    @Test
    void aNewInstanceOnTheSameJournalDoesNotDeliverFinishedFilesAgain() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.write(inbox.resolve("flows.jsonl"), DirectoryPollerTest.fixture("illumio-flows.jsonl"));
        FileSource first = new FileSource(TestConfig.settings(inbox, "poll_interval", 1), journal, HeraldKinds.all());
        try {
            await(() -> journal.events().size() == 7, "the flows");
        } finally {
            first.stop();
        }

        FileSource second = new FileSource(TestConfig.settings(inbox, "poll_interval", 1), journal, HeraldKinds.all());
        try {
            Files.writeString(inbox.resolve("marker.jsonl"), "{\"type\":\"marker\"}\n");
            await(() -> journal.events().stream().anyMatch(e -> e.type().equals("marker")), "the marker file");
        } finally {
            second.stop();
        }
        assertEquals(8, journal.events().size(), "only the marker is new: " + journal.events().stream().map(Event::id).toList());
        assertEquals(1, journal.quarantined().size(), "the cut line is quarantined once");
    }

    @Test
    void theRecordFromTheIssueNoLongerStopsTheSourceForGood() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("demo/inbox"));
        Files.writeString(inbox.resolve("epoch.jsonl"), "{\"time\":\"9999999999999999999\",\"msg\":\"x\"}\n");
        FileSource source = new FileSource(TestConfig.settings(inbox, "poll_interval", 1), journal, HeraldKinds.all());
        try {
            await(() -> journal.quarantined().size() == 1, "the record quarantined");
            Files.writeString(inbox.resolve("later.jsonl"), "{\"type\":\"later\"}\n");
            await(() -> journal.events().stream().anyMatch(e -> e.type().equals("later")), "the file dropped later");
        } finally {
            source.stop();
        }
        assertEquals("epoch.jsonl:1", journal.quarantined().get(0).location());
        assertEquals(null, journal.problem("files"));
    }

    /**
     * The poll interval is an hour: only the watch of the directory can have noticed these files.
     * A settle time, as in any real configuration: a file written in place is seen the moment it
     * is created, still empty, and read once it has settled.
     */
    @Test
    void filesMovedOrWrittenIntoTheDirectoryOrANewSubdirectoryAreReadAtOnce() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.writeString(inbox.resolve("first.jsonl"), "{\"type\":\"first\"}\n");
        FileSource source = new FileSource(TestConfig.settings(inbox, "poll_interval", 3600, "settle_time", 100L),
                journal, HeraldKinds.all());
        try {
            await(() -> types().contains("first"), "the file there at the start");
            Path staged = Files.writeString(home.resolve("moved.jsonl"), "{\"type\":\"moved\"}\n");
            Files.move(staged, inbox.resolve("moved.jsonl"), StandardCopyOption.ATOMIC_MOVE);
            await(() -> types().contains("moved"), "the file moved in");
            Path sub = Files.createDirectories(inbox.resolve("2026/12/03"));
            Files.writeString(sub.resolve("nested.jsonl"), "{\"type\":\"nested\"}\n");
            await(() -> types().contains("nested"), "the file written into a new subdirectory");
            Files.writeString(sub.resolve("later.jsonl"), "{\"type\":\"later\"}\n");
            await(() -> types().contains("later"), "the file written later into that subdirectory");
        } finally {
            source.stop();
        }
        assertEquals(List.of("first", "moved", "nested", "later"), types());
    }

    /** Settle time 300 ms, poll interval an hour: the file is read once it may have settled. */
    @Test
    void aNewFileIsReadOnceItHasSettledNotAtTheNextPoll() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        FileSource source = new FileSource(TestConfig.settings(inbox, "poll_interval", 3600, "settle_time", 300L),
                journal, HeraldKinds.all());
        try {
            Thread.sleep(200); // the first look (an empty directory) is over
            Files.writeString(inbox.resolve("fresh.jsonl"), "{\"type\":\"fresh\"}\n");
            await(() -> types().contains("fresh"), "the file, once settled");
        } finally {
            source.stop();
        }
    }

    private List<String> types() {
        return journal.events().stream().map(Event::type).toList();
    }

    @Test
    void aQuarantinedRecordIsReadAgainWithTheInstancesCurrentSettings() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        String record = "{\"time\":\"9999999999999999999\",\"when\":\"2026-11-22T10:00:00Z\",\"type\":\"x\"}";
        Files.writeString(inbox.resolve("epoch.jsonl"), record + "\n");
        FileSource first = new FileSource(TestConfig.settings(inbox, "poll_interval", 60), journal, HeraldKinds.all());
        try {
            await(() -> journal.quarantined().size() == 1, "the record quarantined");
            RecordException again = assertThrows(RecordException.class, () -> first.reread("epoch.jsonl:1", record));
            assertEquals(journal.quarantined().get(0).reason(), again.getMessage(), "the same settings, the same reason");
        } finally {
            first.stop();
        }
        MemoryJournal.Quarantined q = journal.quarantined().get(0);
        assertTrue(q.whole(), "stored whole, so it can be retried");

        FileSource fixed = new FileSource(TestConfig.settings(inbox, "poll_interval", 60, "time_pointer", "/when"),
                new MemoryJournal(), HeraldKinds.all());
        try {
            List<Event> events = fixed.reread(q.location(), q.content());
            assertEquals(1, events.size());
            assertEquals(Instant.parse("2026-11-22T10:00:00Z"), events.get(0).time());
            assertEquals("epoch.jsonl:1", events.get(0).id(), "no id of its own: its location");
            assertEquals(record, events.get(0).raw());
        } finally {
            fixed.stop();
        }
    }

    @Test
    void aRecordLargerThanTheCurrentLimitIsStillTooLargeOnRetry() {
        FileSource source = new FileSource(TestConfig.settings(home, "poll_interval", 60, "max_record_bytes", 1024),
                journal, HeraldKinds.all());
        try {
            RecordException e = assertThrows(RecordException.class,
                    () -> source.reread("big.jsonl:1", "{\"blob\":\"" + "x".repeat(2000) + "\"}"));
            assertTrue(e.getMessage().startsWith("too large (2011 bytes)"), e.getMessage());
        } finally {
            source.stop();
        }
    }

    @Test
    void anInvalidConfigurationFailsActivationNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FileSource(
                config("name", "demo", "directory", "inbox", "batch_size", 0), journal, context(home), HeraldKinds.all()));
        assertTrue(e.getMessage().startsWith("batch_size = 0"), e.getMessage());
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(what, WAIT, condition);
    }

    private static BundleContext context(Path karafHome) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && "karaf.home".equals(args[0])) {
                        return karafHome.toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
