package dev.herald.shell;

import dev.herald.api.admin.Counters;
import dev.herald.api.admin.SinkView;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code herald:sinks}: the sinks, their state, counters, waiting deliveries and dead letters. */
@Command(scope = "herald", name = "sinks",
        description = "Lists sinks with their state, counters, pending deliveries and dead letters")
@Service
public class SinksCommand extends HeraldCommand {

    @Argument(index = 0, name = "name", description = "Show only this sink")
    @Completion(SinkNameCompleter.class)
    String name;

    @Option(name = "-v", aliases = "--verbose", description = "Also show each sink's settings (secrets masked)")
    boolean verbose;

    @Override
    void run(PrintStream out) {
        List<SinkView> sinks = admin.sinks();
        if (name != null) {
            KnownNames.require("sink", name, sinks.stream().map(SinkView::name).toList());
            sinks = sinks.stream().filter(s -> s.name().equals(name)).toList();
        }
        if (sinks.isEmpty()) {
            out.println("no sinks configured");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Kind");
        table.column("State");
        table.column("Delivered").alignRight();
        table.column("Retried").alignRight();
        table.column("Dead-lettered").alignRight();
        table.column("Silenced").alignRight();
        table.column("Pending").alignRight();
        table.column("DLQ").alignRight();
        table.column("Last success");
        table.column("Error");
        for (SinkView s : sinks) {
            Counters c = s.counters();
            String error = problem(s);
            table.addRow().addContent(s.name(), s.kind(), s.state(), c.delivered(), c.retried(),
                    c.deadLettered(), c.silenced(), s.pending(), deadLetters(s), Text.time(s.lastSuccess()),
                    verbose ? Text.orDash(error) : Text.oneLine(error, 60));
        }
        table.print(out);
        if (verbose) {
            sinks.forEach(s -> SettingsPrinter.print(out, s.name() + " (" + s.kind() + ")", s.settings(),
                    SettingsPrinter.note("error", s.error()), SettingsPrinter.note("last failure", s.lastError())));
        }
    }

    /** The dead letters kept, and how many were dropped beyond the cap. */
    static String deadLetters(SinkView s) {
        return s.deadLetters() + (s.deadLettersDropped() == 0 ? "" : " (+" + s.deadLettersDropped() + " dropped)");
    }

    /** The configuration error if any, else the last delivery failure. */
    private static String problem(SinkView s) {
        if (s.error() != null) {
            return s.error();
        }
        return s.lastError() == null ? null : "last failure: " + s.lastError();
    }
}
