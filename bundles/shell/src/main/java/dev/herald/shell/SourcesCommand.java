package dev.herald.shell;

import dev.herald.api.admin.Counters;
import dev.herald.api.admin.SourceView;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code herald:sources}: the source instances, their state and counters. */
@Command(scope = "herald", name = "sources", description = "Lists source instances with their state and counters")
@Service
public class SourcesCommand extends HeraldCommand {

    @Argument(index = 0, name = "name", description = "Show only this source instance")
    @Completion(SourceNameCompleter.class)
    String name;

    @Option(name = "-v", aliases = "--verbose", description = "Also show each source's settings (secrets masked)")
    boolean verbose;

    @Override
    void run(PrintStream out) {
        List<SourceView> sources = admin.sources();
        if (name != null) {
            KnownNames.require("source", name, sources.stream().map(SourceView::instance).toList());
            sources = sources.stream().filter(s -> s.instance().equals(name)).toList();
        }
        if (sources.isEmpty()) {
            out.println("no sources configured");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Kind");
        table.column("State");
        table.column("Received").alignRight();
        table.column("Deduped").alignRight();
        table.column("Quarantined").alignRight();
        table.column("Streams").alignRight();
        table.column("Last append");
        table.column("Error");
        for (SourceView s : sources) {
            Counters c = s.counters();
            table.addRow().addContent(s.instance(), s.kind(), s.state(), c.received(), c.deduped(),
                    c.quarantined(), s.streams(), Text.time(s.lastAppend()),
                    verbose ? Text.orDash(s.error()) : Text.oneLine(s.error(), 60));
        }
        table.print(out);
        if (verbose) {
            sources.forEach(s -> SettingsPrinter.print(out, s.instance() + " (" + s.kind() + ")",
                    s.settings(), SettingsPrinter.note("error", s.error())));
        }
    }
}
