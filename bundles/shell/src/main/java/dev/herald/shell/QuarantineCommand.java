package dev.herald.shell;

import dev.herald.api.admin.QuarantineView;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code herald:quarantine}: records sources could not read, with where they were and why. */
@Command(scope = "herald", name = "quarantine", description = "Lists records sources could not read, newest first")
@Service
public class QuarantineCommand extends HeraldCommand {

    @Option(name = "--source", description = "Only this source instance's records")
    @Completion(SourceNameCompleter.class)
    String source;

    @Option(name = "-n", aliases = "--limit", description = "At most this many")
    int limit = 20;

    @Override
    void run(PrintStream out) {
        if (source != null) {
            requireSource(source);
        }
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
}
