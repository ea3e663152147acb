package dev.herald.api.source;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.journal.MemoryJournal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RecordStreamIngestTest {
    private final MemoryJournal journal = new MemoryJournal();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final RecordStreamIngest ingest = reading(journal);

    /** A stream named "unit" whose checkpoint is "through/done"; it notes each record read in {@link #log}. */
    private static final class Unit implements RecordStreamIngest.Stream {
        private final boolean wholeIfNotJson;
        final List<String> log = new ArrayList<>();
        int batches;

        Unit(boolean wholeIfNotJson) {
            this.wholeIfNotJson = wholeIfNotJson;
        }

        @Override
        public String name() {
            return "unit";
        }

        @Override
        public String location(long number) {
            return "unit:" + number;
        }

        @Override
        public String fallbackId(long number) {
            log.add("read " + number);
            return "unit:" + number;
        }

        @Override
        public Checkpoint checkpoint(long through, boolean done) {
            return new Checkpoint("unit", through + (done ? "/done" : ""));
        }

        @Override
        public void afterBatch() {
            batches++;
        }

        @Override
        public boolean wholeIfNotJson() {
            return wholeIfNotJson;
        }
    }

    private static String lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append("{\"type\":\"t\",\"n\":").append(i).append("}\n");
        }
        return text.toString();
    }

    private static InputStream plain(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void batchesAreCommittedWithTheirPositionAndTheLastOneMarksTheStreamDone() throws IOException {
        Unit unit = new Unit(false);
        assertEquals(RecordStreamIngest.Outcome.DONE, ingest.read(unit, plain(lines(5)), 0));
        assertEquals(5, journal.events().size());
        assertEquals("5/done", journal.position("src", "unit"));
        assertEquals(2, unit.batches, "after each full batch but the last");
    }

    /** An event the journal cannot store quarantines its record; the records around it flow on. */
    @Test
    void aRecordWhoseEventTheJournalCannotStoreIsQuarantined() throws IOException {
        Unit unit = new Unit(false);
        DeferredJournal refusingThird = new DeferredJournal(unit.log) {
            @Override
            public Batch batch(String sourceInstance) {
                Batch collected = super.batch(sourceInstance);
                return new Batch() {
                    @Override
                    public void add(Event event) {
                        if (event.detail().path("n").asInt() == 3) {
                            throw new IllegalArgumentException("event unit:3 has a detail Jackson cannot write");
                        }
                        collected.add(event);
                    }

                    @Override
                    public int size() {
                        return collected.size();
                    }

                    @Override
                    public PendingAppend startAppend(Checkpoint next) throws JournalException {
                        return collected.startAppend(next);
                    }
                };
            }
        };
        assertEquals(RecordStreamIngest.Outcome.DONE, reading(refusingThird).read(unit, plain(lines(5)), 0));
        assertEquals(List.of("unit:1", "unit:2", "unit:4", "unit:5"), journal.ids());
        assertEquals("5/done", journal.position("src", "unit"));
        assertEquals(1, journal.quarantined().size(), journal.quarantined().toString());
        MemoryJournal.Quarantined q = journal.quarantined().get(0);
        assertEquals("unit:3", q.location());
        assertEquals("cannot be stored: event unit:3 has a detail Jackson cannot write", q.reason());
        assertEquals("{\"type\":\"t\",\"n\":3}", q.content());
        assertTrue(q.whole(), "the record can be retried once the cause is fixed");
    }

    @Test
    void readingResumesAfterTheCommittedRecord() throws IOException {
        ingest.read(new Unit(false), plain(lines(5)), 3);
        assertEquals(2, journal.events().size());
        assertEquals("5/done", journal.position("src", "unit"));
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesAndATruncatedOneIsQuarantinedAndFinished() throws IOException {
        byte[] whole = gzip(lines(4));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 12);
        assertEquals(RecordStreamIngest.Outcome.DONE,
                ingest.read(new Unit(false), new ByteArrayInputStream(truncated), 0));
        assertEquals(1, journal.quarantined().size(), journal.quarantined().toString());
        assertTrue(journal.quarantined().get(0).reason().contains("truncated"), journal.quarantined().get(0).reason());
        assertTrue(journal.position("src", "unit").endsWith("/done"));
    }

    @Test
    void everyRecordDecompressedBeforeTheCutOfATruncatedGzipIsKept() throws IOException {
        StringBuilder text = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int i = 1; i <= 50_000; i++) {
            text.append("{\"type\":\"t\",\"n\":").append(i).append(",\"r\":").append(random.nextLong()).append("}\n");
        }
        byte[] whole = gzip(text.toString());
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        long complete = completeLinesBeforeTheCut(truncated);

        ingest.read(new Unit(false), new ByteArrayInputStream(truncated), 0);

        assertTrue(journal.events().size() >= complete,
                journal.events().size() + " events kept of the " + complete + " complete lines before the cut");
        assertEquals(1, journal.quarantined().size(), journal.quarantined().toString());
    }

    /** What any gzip reader can get out of a cut stream: the lines ended before the error. */
    private static long completeLinesBeforeTheCut(byte[] truncated) throws IOException {
        long lines = 0;
        try (InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(truncated))) {
            for (int b = in.read(); b != -1; b = in.read()) {
                lines += b == '\n' ? 1 : 0;
            }
        } catch (java.io.EOFException expected) {
            // the cut
        }
        return lines;
    }

    @Test
    void aStreamThatIsNotJsonIsQuarantinedWholeWhenTheStreamSaysSo() throws IOException {
        ingest.read(new Unit(true), plain("PAR1 binary\nmore\n"), 0);
        assertEquals(1, journal.quarantined().size());
        assertEquals("unit:1", journal.quarantined().get(0).location());
        assertTrue(journal.quarantined().get(0).reason().startsWith("not JSON"), journal.quarantined().get(0).reason());

        ingest.read(new Unit(false), plain("PAR1 binary\nmore\n"), 0);
        assertEquals(3, journal.quarantined().size(), "otherwise line by line");
    }

    @Test
    void aRefusedBatchKeepsNothingAndTheCallerResumesFromTheCommittedPosition() throws IOException {
        journal.refuseAfter(1);
        assertEquals(RecordStreamIngest.Outcome.REFUSED, ingest.read(new Unit(false), plain(lines(5)), 0));
        assertEquals("2", journal.position("src", "unit"));
        journal.refuseAfter(-1);
        assertEquals(RecordStreamIngest.Outcome.DONE, ingest.read(new Unit(false), plain(lines(5)), 2));
        assertEquals(5, journal.ids().size());
    }

    @Test
    void stoppingEndsTheReadBetweenRecordsAndWhatWasCommittedStays() throws IOException {
        journal.afterAppend(() -> stopping.set(true));
        assertEquals(RecordStreamIngest.Outcome.STOPPED, ingest.read(new Unit(false), plain(lines(5)), 0));
        assertEquals("2", journal.position("src", "unit"));
    }

    /** An interrupted channel throws; while stopping that is the stop, not a failure. */
    @Test
    void anIoFailureWhileStoppingIsTheStopAndOtherwiseItIsThrown() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("closed by interrupt");
            }
        };
        assertThrows(IOException.class, () -> ingest.read(new Unit(false), broken, 0));
        stopping.set(true);
        assertEquals(RecordStreamIngest.Outcome.STOPPED,
                assertDoesNotThrow(() -> ingest.read(new Unit(false), broken, 0)));
    }

    @Test
    void theNextBatchIsReadWhileTheOneBeforeCommitsAndHandedOverOnlyOnceItIsCommitted() throws IOException {
        Unit unit = new Unit(false);
        DeferredJournal deferred = new DeferredJournal(unit.log);
        assertEquals(RecordStreamIngest.Outcome.DONE, reading(deferred).read(unit, plain(lines(5)), 0));
        assertEquals(List.of("read 1", "read 2", "start 2", "read 3", "read 4", "await 2", "start 4", "read 5",
                "await 4", "start 5/done", "await 5/done"), unit.log);
        assertEquals(5, journal.events().size());
        assertEquals("5/done", journal.position("src", "unit"));
        assertEquals(2, unit.batches, "after each full batch but the last, once it is committed");
    }

    @Test
    void aBatchWhoseCommitFailsIsNeverFollowedByAnother() throws IOException {
        Unit unit = new Unit(false);
        DeferredJournal deferred = new DeferredJournal(unit.log);
        journal.refuseNext(1);
        assertEquals(RecordStreamIngest.Outcome.REFUSED, reading(deferred).read(unit, plain(lines(5)), 0));
        assertEquals(List.of("read 1", "read 2", "start 2", "read 3", "read 4", "await 2"), unit.log);
        assertTrue(journal.appends().isEmpty(), journal.appends().toString());
        assertEquals(0, unit.batches);
    }

    @Test
    void aJournalThatQueuesABatchBehindTheOneBeforeGetsItBeforeThatOneIsAwaited() throws IOException {
        Unit unit = new Unit(false);
        DeferredJournal queueing = new DeferredJournal(unit.log);
        queueing.handsOverBehind = true;
        assertEquals(RecordStreamIngest.Outcome.DONE, reading(queueing).read(unit, plain(lines(5)), 0));
        assertEquals(List.of("read 1", "read 2", "start 2", "read 3", "read 4", "start 4 behind 2", "await 2",
                "read 5", "start 5/done behind 4", "await 4", "await 5/done"), unit.log);
        assertEquals(5, journal.events().size());
        assertEquals("5/done", journal.position("src", "unit"));
        assertEquals(2, unit.batches, "after each full batch but the last, once it is committed");
    }

    @Test
    void aBatchQueuedBehindOneWhoseCommitFailsIsRefusedWithIt() throws IOException {
        Unit unit = new Unit(false);
        DeferredJournal queueing = new DeferredJournal(unit.log);
        queueing.handsOverBehind = true;
        journal.refuseNext(1);
        assertEquals(RecordStreamIngest.Outcome.REFUSED, reading(queueing).read(unit, plain(lines(5)), 0));
        assertEquals(List.of("read 1", "read 2", "start 2", "read 3", "read 4", "start 4 behind 2", "await 2"),
                unit.log);
        assertTrue(journal.appends().isEmpty(), journal.appends().toString());
        assertEquals(0, unit.batches);
        assertEquals(RecordStreamIngest.Outcome.DONE, reading(queueing).read(unit, plain(lines(5)), 0),
                "read again from the start, every record is kept");
        assertEquals(5, journal.events().size());
    }

    @Test
    void stoppingWhileABatchCommitsWaitsForItsCommit() throws IOException {
        Unit unit = new Unit(false);
        DeferredJournal deferred = new DeferredJournal(unit.log);
        deferred.afterStart = () -> stopping.set(true);
        assertEquals(RecordStreamIngest.Outcome.STOPPED, reading(deferred).read(unit, plain(lines(5)), 0));
        assertEquals(List.of("read 1", "read 2", "start 2", "await 2"), unit.log);
        assertEquals("2", journal.position("src", "unit"));
    }

    @Test
    void aStreamThatFailsWhileABatchCommitsLeavesThatBatchCommitted() {
        Unit unit = new Unit(false);
        DeferredJournal deferred = new DeferredJournal(unit.log);
        // more than the reader buffers, so that batches are handed over before the failure is read
        InputStream failsAfterManyLines = new java.io.SequenceInputStream(plain(lines(20_000)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk error");
            }
        });
        assertThrows(IOException.class, () -> reading(deferred).read(unit, failsAfterManyLines, 0));
        List<String> handedOver = unit.log.stream().filter(l -> l.startsWith("start ")).toList();
        String last = handedOver.get(handedOver.size() - 1).substring("start ".length());
        assertEquals("await " + last, unit.log.get(unit.log.size() - 1), "the batch under way is waited for");
        assertEquals(last, journal.position("src", "unit"));
    }

    /** An ingest of source instance "src" in batches of 2 into {@code into}, stopping when {@link #stopping} is set. */
    private RecordStreamIngest reading(Journal into) {
        return new RecordStreamIngest("Test source 'src'", "src", into, HeraldKinds.all().recognizer(),
                new RecordStreamIngest.Limits(2, 1024 * 1024), stopping::get);
    }

    /**
     * A journal whose commits happen only when awaited (once), as core's may finish after {@link
     * Journal#startAppend} returned; it notes when each batch is started and awaited (by its
     * checkpoint) in the stream's log, and keeps what it commits in {@link #journal}. With {@link
     * #handsOverBehind}, its batches take a batch behind one not awaited yet, as core's do:
     * committed when awaited, after that one, and refused if that one failed.
     */
    private class DeferredJournal implements Journal {
        private final List<String> log;
        Runnable afterStart = () -> { };
        boolean handsOverBehind;

        DeferredJournal(List<String> log) {
            this.log = log;
        }

        @Override
        public PendingAppend startAppend(String sourceInstance, List<Event> batch, Checkpoint next) {
            return deferred(sourceInstance, List.copyOf(batch), next, null, null);
        }

        private PendingAppend deferred(String instance, List<Event> kept, Checkpoint next, Checkpoint previous,
                PendingAppend before) {
            log.add("start " + next.position() + (before == null ? "" : " behind " + previous.position()));
            afterStart.run();
            return new Once(() -> {
                if (before != null) {
                    before.await();
                }
                log.add("await " + next.position());
                return journal.append(instance, kept, next);
            });
        }

        @Override
        public Batch batch(String sourceInstance) {
            if (!handsOverBehind) {
                return Journal.super.batch(sourceInstance);
            }
            List<Event> events = new ArrayList<>();
            return new Batch() {
                @Override
                public void add(Event event) {
                    events.add(event);
                }

                @Override
                public int size() {
                    return events.size();
                }

                @Override
                public PendingAppend startAppend(Checkpoint next) {
                    return deferred(sourceInstance, List.copyOf(events), next, null, null);
                }

                @Override
                public PendingAppend startAppend(Checkpoint next, Checkpoint previous, PendingAppend before) {
                    return deferred(sourceInstance, List.copyOf(events), next, previous, before);
                }
            };
        }

        @Override
        public int append(String sourceInstance, List<Event> batch, Checkpoint next) throws JournalException {
            throw new AssertionError("the stream ingest starts its appends");
        }

        @Override
        public Optional<Checkpoint> checkpoint(String sourceInstance, String stream) {
            return journal.checkpoint(sourceInstance, stream);
        }

        @Override
        public Map<String, String> checkpoints(String sourceInstance) {
            return journal.checkpoints(sourceInstance);
        }

        @Override
        public void removeCheckpoint(String sourceInstance, String stream) throws JournalException {
            journal.removeCheckpoint(sourceInstance, stream);
        }

        @Override
        public void quarantine(String sourceInstance, String location, String reason, String content) {
            journal.quarantine(sourceInstance, location, reason, content);
        }
    }

    /** A commit that happens when first awaited; awaiting again gives the same outcome. */
    private static final class Once implements Journal.PendingAppend {
        private final Journal.PendingAppend commit;
        private Integer fresh;
        private JournalException failure;

        Once(Journal.PendingAppend commit) {
            this.commit = commit;
        }

        @Override
        public int await() throws JournalException {
            if (fresh == null && failure == null) {
                try {
                    fresh = commit.await();
                } catch (JournalException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return fresh;
        }
    }
}
