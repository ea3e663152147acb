package dev.herald.testkit.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testkit.journal.MemoryJournal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every Herald source honours, run against the source's own poller and a real
 * (emulated or local) input. A source's test class extends it, says how to offer records to the
 * source, how to poll it once and how to break and repair its input; the tests here then hold
 * the source to:
 * <ul>
 *   <li><b>its checkpoint moves only with its commit</b>: while the journal refuses, nothing is
 *       kept and no checkpoint moves; once it takes batches again, every record offered arrives,
 *       none skipped, even after a commit that was refused half-way;</li>
 *   <li><b>malformed input is quarantined and the source moves on</b>: a record the source cannot
 *       read is quarantined once, with where it was and why, and the records around it flow;</li>
 *   <li><b>a failure the source cannot get past shows as a problem</b> in the journal, in words,
 *       until the input reads again, which clears it.</li>
 * </ul>
 * The journal is a {@link MemoryJournal} ({@link #journal}); the source under test must write to
 * it under {@link #instance()}.
 */
public abstract class SourceContractTest {
    /** The journal the source under test reads into. */
    protected final MemoryJournal journal = new MemoryJournal();

    /** The instance name the source under test is configured with. */
    protected abstract String instance();

    /**
     * A record of the source's input that it turns into an event with an id of its own: by default
     * a generic JSON event, {@code {"id": id(n), "type": "test", "time": ...}}, as a source of JSON
     * lines configured with its id at {@code /id} reads it. Override both this and {@link #id} for
     * a source that reads records of a vendor's format.
     *
     * @param n a number unique within the test, for a unique id
     * @return the record's text
     */
    protected String record(int n) {
        return "{\"id\":\"" + id(n) + "\",\"type\":\"test\",\"time\":\"2026-11-03T12:00:00Z\"}";
    }

    /** The id of the event {@link #record record(n)} gives: by default {@code event-<n>}. */
    protected String id(int n) {
        return "event-" + n;
    }

    /** A record the source must quarantine: by default a line that is not JSON. */
    protected String malformedRecord() {
        return "{\"this is not\": JSON";
    }

    /**
     * Puts records where the source reads them (a file, an object, an API answer), as one unit of
     * its input (one file, one object, one page) in the order given. Each call adds a new unit.
     */
    protected abstract void offer(List<String> records) throws Exception;

    /**
     * Polls once, as the source's loop would once any pause after a failure is over (advance a
     * test clock if the source keeps one).
     */
    protected abstract void poll() throws Exception;

    /** Makes the input fail in a way the source cannot get past by itself (access denied, gone). */
    protected abstract void breakInput() throws Exception;

    /** Undoes {@link #breakInput}. */
    protected abstract void repairInput() throws Exception;

    /**
     * How many records make more than one batch of the source under test (configure a small
     * batch size if the source has one); more than one batch exercises a commit refused half-way.
     */
    protected int severalBatches() {
        return 5;
    }

    @Test
    void whileTheJournalRefusesNothingIsKeptAndNoCheckpointMoves() throws Exception {
        Map<String, String> before = journal.checkpoints(instance());
        offer(records(0, 3));
        journal.refuseNext(Integer.MAX_VALUE);

        poll();

        assertTrue(journal.appends().isEmpty(), "nothing is kept while the journal refuses");
        assertEquals(before, journal.checkpoints(instance()), "the checkpoint moves only with a commit");

        journal.refuseNext(0);
        poll();
        assertEquals(ids(0, 3), new HashSet<>(journal.ids()), "every record arrives once the journal takes them");
        assertFalse(journal.checkpoints(instance()).isEmpty(), "a checkpoint was committed with them");
    }

    @Test
    void aCommitRefusedHalfWayLosesNothing() throws Exception {
        offer(records(100, severalBatches()));
        journal.refuseAfter(1);

        poll();
        Set<String> committed = new HashSet<>(journal.ids());

        journal.refuseAfter(-1);
        poll();

        assertEquals(ids(100, severalBatches()), new HashSet<>(journal.ids()),
                "the records after the last commit came again");
        assertTrue(journal.ids().containsAll(committed));
        assertTrue(journal.quarantined().isEmpty(), "nothing good is quarantined: " + journal.quarantined());
    }

    @Test
    void malformedInputIsQuarantinedOnceAndTheSourceMovesOn() throws Exception {
        List<String> records = new ArrayList<>(records(200, 1));
        records.add(malformedRecord());
        records.addAll(records(201, 1));
        offer(records);

        poll();
        poll();

        assertEquals(ids(200, 2), new HashSet<>(journal.ids()),
                "the records around the malformed one flow");
        assertEquals(1, journal.quarantined().size(), "quarantined once: " + journal.quarantined());
        MemoryJournal.Quarantined q = journal.quarantined().get(0);
        assertEquals(instance(), q.instance());
        assertFalse(q.location().isBlank(), "the quarantine says where the record was");
        assertFalse(q.reason().isBlank(), "the quarantine says what is wrong");

        offer(records(202, 1));
        poll();
        assertTrue(journal.ids().containsAll(ids(202, 1)), "input after the malformed record still flows");
    }

    @Test
    void aFailureTheSourceCannotGetPastShowsAsAProblemUntilItReadsAgain() throws Exception {
        offer(records(300, 1));
        breakInput();

        poll();

        String problem = journal.problem(instance());
        assertNotNull(problem, "the failure shows as the source's problem");
        assertFalse(problem.isBlank());

        repairInput();
        poll();
        assertNull(journal.problem(instance()), "the problem is cleared once the source reads again");
        assertTrue(journal.ids().containsAll(ids(300, 1)), "what waited is read");
    }

    private List<String> records(int first, int count) {
        List<String> records = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            records.add(record(n));
        }
        return records;
    }

    private Set<String> ids(int first, int count) {
        Set<String> ids = new HashSet<>();
        for (int n = first; n < first + count; n++) {
            ids.add(id(n));
        }
        return ids;
    }
}
