package dev.herald.shell;

import dev.herald.api.admin.Counters;
import dev.herald.api.admin.Overview;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.RouteView;
import dev.herald.api.admin.SilenceView;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code herald:status}: the totals, what waits, and every configuration problem (an invalid
 * route, a rejected sink or source configuration), then one line per source, route and sink.
 */
@Command(scope = "herald", name = "status",
        description = "Herald at a glance: totals, pending deliveries, dead letters, quarantine and every configuration problem")
@Service
public class StatusCommand extends HeraldCommand {

    @Override
    void run(PrintStream out) {
        Overview overview = admin.overview();
        Counters t = overview.totals();
        List<List<String>> totals = List.of(
                List.of("store", Text.orDash(overview.store())),
                List.of("events", "received " + t.received() + ", deduped " + t.deduped()
                        + ", quarantined " + t.quarantined()),
                List.of("routing", "routed " + t.routed() + ", throttled " + t.throttled() + ", silenced " + t.silenced()),
                List.of("delivery", "delivered " + t.delivered() + ", retried " + t.retried()
                        + ", dead-lettered " + t.deadLettered()),
                List.of("pending", overview.pending() + " waiting for delivery"),
                List.of("dead letters", overview.deadLetters() + hint(overview.deadLetters(), "herald:dlq list")),
                List.of("quarantined", overview.quarantined() + hint(overview.quarantined(), "herald:quarantine")),
                List.of("silences", silences()));
        out.println("Herald");
        Text.aligned(totals).forEach(line -> out.println("  " + line));
        out.println();
        printProblems(out, overview.problems());
        out.println();
        Text.aligned(componentRows()).forEach(out::println);
    }

    /** The active silences, by id with what they hold back and until when. */
    private String silences() {
        List<SilenceView> active = admin.silences().stream().filter(SilenceView::active).toList();
        if (active.isEmpty()) {
            return "none active";
        }
        List<String> each = new ArrayList<>();
        for (SilenceView s : active) {
            each.add(s.id() + " (" + (s.sinks().isEmpty() ? "every sink" : Text.list(s.sinks())) + " until "
                    + Text.time(s.end()) + ")");
        }
        return active.size() + " active: " + String.join(", ", each) + "  (see herald:silence)";
    }

    private static String hint(long count, String command) {
        return count > 0 ? "  (see " + command + ")" : "";
    }

    private static void printProblems(PrintStream out, List<Problem> problems) {
        if (problems.isEmpty()) {
            out.println("All good: no configuration problems.");
            return;
        }
        out.println(Text.count(problems.size(), "problem", "problems") + " to fix:");
        for (Problem p : problems) {
            out.println("  " + p.subject() + ": " + p.message());
        }
    }

    private List<List<String>> componentRows() {
        List<List<String>> rows = new ArrayList<>();
        for (SourceView s : admin.sources()) {
            Counters c = s.counters();
            rows.add(List.of("source", s.instance() + " (" + s.kind() + ")", s.state(),
                    "received " + c.received() + ", deduped " + c.deduped() + ", quarantined " + c.quarantined()));
        }
        for (RouteView r : admin.routes()) {
            Counters c = r.counters();
            rows.add(List.of("route", r.name(), RoutesCommand.state(r),
                    "routed " + c.routed() + ", throttled " + c.throttled() + ", silenced " + c.silenced()
                            + " -> " + Text.list(r.sinks())));
        }
        for (SinkView s : admin.sinks()) {
            Counters c = s.counters();
            rows.add(List.of("sink", s.name() + " (" + s.kind() + ")", s.state(),
                    "delivered " + c.delivered() + ", retried " + c.retried() + ", dead-lettered "
                            + c.deadLettered() + ", silenced " + c.silenced() + ", pending " + s.pending() + ", dlq "
                            + SinksCommand.deadLetters(s)));
        }
        if (rows.isEmpty()) {
            rows.add(List.of("no sources, routes or sinks are configured"));
        }
        return rows;
    }
}
