package dev.herald.shell;

import dev.herald.api.admin.QuarantineRetryResult;
import dev.herald.api.admin.QuarantineRetryResult.Outcome;
import dev.herald.api.admin.QuarantineView;
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
 * {@code herald:quarantine [list|retry|purge]}: records sources could not read, with where they
 * were and why. Retrying offers them again to their source (after its cause was fixed); purging
 * deletes them, and needs ids or an explicit {@code --all}.
 */
@Command(scope = "herald", name = "quarantine", description = "Lists, retries or purges records sources could not read",
        detailedDescription = "quarantine [list] [--source s] [-n n]: the records, newest first.\n"
                + "quarantine retry [--source s] [ids... | --all]: offers them again to their source, which reads them with"
                + " its current settings (all of them without ids); those it reads now become events and leave the"
                + " quarantine, the others stay with the new reason.\n"
                + "quarantine purge [--source s] (ids... | --all): deletes them for good.\n"
                + "The options may also follow the action, e.g. quarantine purge --source inbox --all.")
@Service
public class QuarantineCommand extends HeraldCommand {

    private static final List<String> ACTIONS = List.of("list", "retry", "purge");

    @Argument(index = 0, name = "action", description = "list (the default), retry or purge")
    @Completion(value = StringsCompleter.class, values = {"list", "retry", "purge"})
    String action = "list";

    /** Ids, and any options typed after the action (Karaf stops parsing options at the first argument). */
    @Argument(index = 1, name = "ids", multiValued = true, description = "retry, purge: record ids, as herald:quarantine lists them")
    List<String> ids;

    @Option(name = "--source", description = "Only this source instance's records")
    @Completion(SourceNameCompleter.class)
    String source;

    @Option(name = "--all", description = "retry, purge: every record (of --source, if given)")
    boolean all;

    @Option(name = "-n", aliases = "--limit", description = "list: at most this many")
    int limit = 20;

    @Override
    void run(PrintStream out) {
        action(action, ACTIONS, "quarantine");
        List<Long> selected = new ActionWords("quarantined record ids are numbers (herald:quarantine lists them)")
                .flag("--all", () -> all = true)
                .option(v -> source = v, "--source")
                .option(v -> limit = (int) Math.min(Integer.MAX_VALUE, ActionWords.number(v, "-n takes a number")), "-n", "--limit")
                .ids(ids);
        if (source != null) {
            requireSource(source);
        }
        if ("purge".equals(action)) {
            purge(out, selected);
        } else if ("retry".equals(action)) {
            retry(out, selected);
        } else if (!selected.isEmpty() || all) {
            throw new IllegalArgumentException("quarantine list takes no ids and no --all: narrow it with --source and -n");
        } else {
            list(out);
        }
    }

    private void list(PrintStream out) {
        List<QuarantineView> records = admin.quarantine(source, limit(limit));
        if (records.isEmpty()) {
            out.println(source == null ? "nothing in quarantine" : "nothing in quarantine for source " + source);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("At");
        table.column("Source");
        table.column("Location");
        table.column("Reason");
        table.column("Content");
        for (QuarantineView q : records) {
            table.addRow().addContent(q.id(), Text.time(q.at()), q.source(), q.location(),
                    Text.oneLine(q.reason(), 80), Text.oneLine(q.content(), 60));
        }
        table.print(out);
    }

    private void retry(PrintStream out, List<Long> selected) {
        if (all && !selected.isEmpty()) {
            throw new IllegalArgumentException("give either record ids or --all, not both");
        }
        List<QuarantineRetryResult> results = admin.retryQuarantine(source, selected);
        if (results.isEmpty()) {
            out.println(source == null ? "nothing in quarantine" : "nothing in quarantine for source " + source);
            return;
        }
        List<QuarantineRetryResult> converted = results.stream().filter(r -> r.outcome() == Outcome.CONVERTED).toList();
        int events = converted.stream().mapToInt(QuarantineRetryResult::events).sum();
        int fresh = converted.stream().mapToInt(QuarantineRetryResult::fresh).sum();
        long still = results.stream().filter(r -> r.outcome() == Outcome.STILL_UNREADABLE).count();
        out.println("retried " + Text.count(results.size(), "quarantined record", "quarantined records") + ": "
                + converted.size() + " read now (" + Text.count(events, "event", "events") + ", " + fresh + " new), "
                + still + " still unreadable, " + (results.size() - converted.size() - still) + " refused");
        List<QuarantineRetryResult> kept = results.stream().filter(r -> r.outcome() != Outcome.CONVERTED).toList();
        if (kept.isEmpty()) {
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Source");
        table.column("Location");
        table.column("Kept, because");
        for (QuarantineRetryResult r : kept) {
            table.addRow().addContent(r.id(), Text.orDash(r.source()), Text.orDash(r.location()),
                    (r.outcome() == Outcome.REFUSED ? "not retried: " : "still unreadable: ") + Text.oneLine(r.detail(), 160));
        }
        table.print(out);
    }

    private void purge(PrintStream out, List<Long> selected) {
        if (all == !selected.isEmpty()) {
            throw new IllegalArgumentException(all ? "give either record ids or --all, not both"
                    : "refusing to purge without a selection: give record ids (herald:quarantine lists them)"
                            + " or --all to delete every quarantined record" + (source == null ? "" : " of source " + source));
        }
        int purged = admin.purgeQuarantine(source, selected);
        out.println("purged " + Text.count(purged, "quarantined record", "quarantined records")
                + (selected.isEmpty() || purged == selected.size() ? ""
                        : " (" + (selected.size() - purged) + " of the given ids were not found"
                                + (source == null ? "" : " for source " + source) + ")"));
    }
}
