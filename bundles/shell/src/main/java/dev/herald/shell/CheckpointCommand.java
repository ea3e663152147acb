package dev.herald.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code herald:checkpoint show|reset}: a source's committed stream positions. Resetting makes
 * the source read again from its configured start, so it always names the source.
 */
@Command(scope = "herald", name = "checkpoint", description = "Shows or resets a source's committed positions",
        detailedDescription = "checkpoint show <source>: one position per stream (file, object key).\n"
                + "checkpoint reset <source> [stream]: forgets the positions (all of the source's without a stream),"
                + " so that the source reads again from its configured start; events already seen are still deduplicated.")
@Service
public class CheckpointCommand extends HeraldCommand {

    private static final List<String> ACTIONS = List.of("show", "reset");

    @Argument(index = 0, name = "action", required = true, description = "show or reset")
    @Completion(value = StringsCompleter.class, values = {"show", "reset"})
    String action;

    @Argument(index = 1, name = "source", required = true, description = "The source instance")
    @Completion(SourceNameCompleter.class)
    String source;

    @Argument(index = 2, name = "stream", description = "reset: only this stream (as checkpoint show lists it)")
    String stream;

    @Override
    void run(PrintStream out) {
        action(action, ACTIONS, "checkpoint");
        requireSource(source);
        if (action.equals("show")) {
            show(out);
        } else {
            reset(out);
        }
    }

    private void show(PrintStream out) {
        if (stream != null) {
            throw new IllegalArgumentException("checkpoint show takes only a source; it lists every stream");
        }
        Map<String, String> positions = new TreeMap<>(admin.checkpoints(source));
        if (positions.isEmpty()) {
            out.println("source " + source + " has no checkpoint: it reads from its configured start");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Stream");
        table.column("Position");
        positions.forEach((s, position) -> table.addRow().addContent(s.isEmpty() ? "(single stream)" : s, position));
        table.print(out);
    }

    private void reset(PrintStream out) {
        int removed = admin.resetCheckpoint(source, stream);
        if (removed == 0) {
            out.println(stream == null
                    ? "source " + source + " has no checkpoint to reset"
                    : "source " + source + " has no position for stream '" + stream + "' (herald:checkpoint show "
                            + source + " lists its streams)");
            return;
        }
        out.println("removed " + Text.count(removed, "position", "positions") + " of source " + source
                + "; it reads " + (stream == null ? "" : "stream '" + stream + "' ") + "again from its configured start");
    }
}
