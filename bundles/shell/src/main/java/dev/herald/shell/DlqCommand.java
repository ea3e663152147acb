package dev.herald.shell;

import dev.herald.api.admin.DeadLetterView;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code herald:dlq list|retry|purge}: the deliveries Herald gave up on. Retrying moves them back
 * into their sink's outbox; purging deletes them, and needs ids or an explicit {@code --all}.
 */
@Command(scope = "herald", name = "dlq", description = "Lists, retries or purges dead letters",
        detailedDescription = "dlq list [--sink s]: what was given up and why.\n"
                + "dlq retry [--sink s] [ids...]: moves dead letters back into the outbox (all of them without ids).\n"
                + "dlq purge [--sink s] (ids... | --all): deletes dead letters for good.\n"
                + "The options may also follow the action, e.g. dlq purge --sink soc --all.")
@Service
public class DlqCommand extends HeraldCommand {

    private static final List<String> ACTIONS = List.of("list", "retry", "purge");

    @Argument(index = 0, name = "action", required = true, description = "list, retry or purge")
    @Completion(value = StringsCompleter.class, values = {"list", "retry", "purge"})
    String action;

    /** Ids, and any options typed after the action (Karaf stops parsing options at the first argument). */
    @Argument(index = 1, name = "ids", multiValued = true, description = "Dead-letter ids, as herald:dlq list shows them")
    List<String> ids;

    @Option(name = "--sink", description = "Only this sink's dead letters")
    @Completion(SinkNameCompleter.class)
    String sink;

    @Option(name = "--all", description = "purge: delete every dead letter (of --sink, if given)")
    boolean all;

    @Option(name = "-n", aliases = "--limit", description = "list: at most this many")
    int limit = 50;

    @Override
    void run(PrintStream out) {
        action(action, ACTIONS, "dlq");
        List<Long> selected = idsAndTrailingOptions(ids);
        if (sink != null) {
            requireSink(sink);
        }
        if (all && !selected.isEmpty()) {
            throw new IllegalArgumentException("give either dead-letter ids or --all, not both");
        }
        switch (action) {
            case "list" -> list(out, selected);
            case "retry" -> retry(out, selected);
            default -> purge(out, selected);
        }
    }

    private void list(PrintStream out, List<Long> selected) {
        if (!selected.isEmpty() || all) {
            throw new IllegalArgumentException("dlq list takes no ids and no --all: narrow it with --sink and -n");
        }
        List<DeadLetterView> letters = admin.deadLetters(sink, limit(limit));
        if (letters.isEmpty()) {
            out.println(sink == null ? "no dead letters" : "no dead letters for sink " + sink);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Sink");
        table.column("Route");
        table.column("Event");
        table.column("Type");
        table.column("Attempts").alignRight();
        table.column("First try");
        table.column("Dead at");
        table.column("Reason");
        for (DeadLetterView d : letters) {
            table.addRow().addContent(d.id(), d.sink(), d.route(), d.eventId(), d.eventType(), d.attempts(),
                    Text.time(d.firstTry()), Text.time(d.deadAt()), Text.oneLine(d.reason(), 80));
        }
        table.print(out);
    }

    private void retry(PrintStream out, List<Long> selected) {
        int moved = admin.retryDeadLetters(sink, selected);
        out.println("moved " + Text.count(moved, "dead letter", "dead letters")
                + " back to the outbox" + missing(selected, moved));
    }

    private void purge(PrintStream out, List<Long> selected) {
        if (selected.isEmpty() && !all) {
            throw new IllegalArgumentException("refusing to purge without a selection: give dead-letter ids"
                    + " (herald:dlq list shows them) or --all to delete every dead letter"
                    + (sink == null ? "" : " of sink " + sink));
        }
        int purged = admin.purgeDeadLetters(sink, selected);
        out.println("purged " + Text.count(purged, "dead letter", "dead letters") + missing(selected, purged));
    }

    private String missing(List<Long> selected, int done) {
        return selected.isEmpty() || done == selected.size() ? ""
                : " (" + (selected.size() - done) + " of the given ids were not found"
                        + (sink == null ? "" : " for sink " + sink) + ")";
    }

    /** The ids among the words after the action; the options among them are applied. */
    private List<Long> idsAndTrailingOptions(List<String> words) {
        return new ActionWords("dead-letter ids are numbers (herald:dlq list shows them)")
                .flag("--all", () -> all = true)
                .option(v -> sink = v, "--sink")
                .option(v -> limit = (int) Math.min(Integer.MAX_VALUE, ActionWords.number(v, "-n takes a number")), "-n", "--limit")
                .ids(words);
    }
}
