package dev.herald.shell;

import dev.herald.api.admin.DeliveryView;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code herald:history}: the most recent delivery attempts and their outcome. */
@Command(scope = "herald", name = "history", description = "Lists the most recent delivery attempts, newest first")
@Service
public class HistoryCommand extends HeraldCommand {

    @Option(name = "-n", aliases = "--limit", description = "At most this many")
    int limit = 20;

    @Override
    void run(PrintStream out) {
        List<DeliveryView> attempts = admin.history(limit(limit));
        if (attempts.isEmpty()) {
            out.println("no delivery attempts yet");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("At");
        table.column("Sink");
        table.column("Route");
        table.column("Event");
        table.column("Attempt").alignRight();
        table.column("Outcome");
        table.column("Detail");
        for (DeliveryView d : attempts) {
            table.addRow().addContent(Text.time(d.at()), d.sink(), d.route(), d.eventId(), d.attempt(),
                    d.outcome(), Text.oneLine(d.detail(), 80));
        }
        table.print(out);
    }
}
