package dev.herald.api.source;

import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What keeps a source from reading, told to {@link Journal#problem} (which logs a change and
 * shows it in {@code herald:status}) after every poll: the problem of each subject the source
 * reads (a region, a bucket, an API), each paused as its {@link PollHealth} says, or a journal that
 * refused a batch during the poll. Cleared once every subject reads again. Not thread-safe: one
 * per poller thread.
 */
public final class SourceHealth {
    private final String instance;
    private final Journal journal;
    private final Duration pollInterval;
    private final Map<String, PollHealth> subjects = new LinkedHashMap<>();
    private String journalRefusal;
    private String reported;

    /**
     * @param instance     the source instance the problem is shown for
     * @param journal      where it is shown
     * @param pollInterval the source's interval, the first backoff step
     */
    public SourceHealth(String instance, Journal journal, Duration pollInterval) {
        this.instance = instance;
        this.journal = journal;
        this.pollInterval = pollInterval;
    }

    /** The health of the source's one subject: its problem is shown as it is. */
    public PollHealth health() {
        return health("");
    }

    /**
     * The health of one of the subjects the source reads, made on first use; its problem is shown
     * as {@code "subject: problem"}, after those of the subjects named before it.
     */
    public PollHealth health(String subject) {
        return subjects.computeIfAbsent(subject,
                s -> new PollHealth(s.isEmpty() ? "" : s + ": ", pollInterval));
    }

    /**
     * The journal refused a batch: nothing of it was kept; the next poll asks again from the
     * committed checkpoint. Shown until the next {@link #report}.
     *
     * @param what what was refused, e.g. {@code "the events of eu-west-1"}
     */
    public void journalRefused(String what, JournalException e) {
        journalRefusal = "the journal refused " + what + " (" + e.getMessage() + "); nothing more was committed,"
                + " asking again at the next poll";
    }

    /**
     * Tells the journal what keeps the source from reading now: a refusal since the last report,
     * else the problems of the subjects, else nothing (which clears it).
     *
     * @return what was told
     */
    public Optional<String> report() {
        String problem = journalRefusal;
        journalRefusal = null;
        if (problem == null) {
            problem = subjects.values().stream().map(PollHealth::problem).flatMap(Optional::stream)
                    .collect(Collectors.joining("; "));
        }
        reported = problem.isEmpty() ? null : problem;
        journal.problem(instance, reported);
        return Optional.ofNullable(reported);
    }

    /** What the last {@link #report} told; empty when the source reads. */
    public Optional<String> reported() {
        return Optional.ofNullable(reported);
    }
}
