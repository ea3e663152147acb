package dev.herald.shell;

import dev.herald.api.Event;
import dev.herald.api.admin.RouteMatch;
import dev.herald.api.record.RecordLayout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * {@code herald:route-test <file>}: reads records the way a source would and shows, for every
 * event, which routes match, the effective severity and what each sink would receive. Sends and
 * stores nothing.
 */
@Command(scope = "herald", name = "route-test",
        description = "Shows which routes match the events of a JSON, JSON Lines or CloudTrail file and what each sink"
                + " would receive; nothing is sent")
@Service
public class RouteTestCommand extends RecordReadingCommand {

    @Argument(index = 0, name = "file", required = true,
            description = "JSON, JSON Lines or CloudTrail log file (gzipped or not), relative to the current directory")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--instance", description = "The source instance the events are said to come from (routes may match on it)")
    String instance = "route-test";

    @Reference
    Session session;

    private int events;
    private int matched;
    private int unreadable;

    @Override
    void run(PrintStream out) throws Exception {
        Path path = EventFile.resolve(session, file);
        RecordLayout layout = EventFile.read(path, instance, kinds, event -> show(out, event), (where, why) -> {
            unreadable++;
            out.println("! " + where + " cannot become an event: " + why);
            out.println();
        });
        out.println(Text.count(events, "event", "events") + " from " + path.getFileName() + " ("
                + EventFile.describe(layout) + "): " + matched + " matched a route, " + (events - matched)
                + " matched none" + (unreadable == 0 ? "" : ", " + Text.count(unreadable, "record", "records")
                + " unreadable") + ". Nothing was sent.");
    }

    private void show(PrintStream out, Event event) {
        events++;
        out.println(event.type() + " " + event.id() + " (" + event.source() + ", severity " + event.severity().label() + ")");
        List<RouteMatch> matches = admin.routeTest(event);
        if (matches.isEmpty()) {
            out.println("  matches no route");
        } else {
            matched++;
        }
        for (RouteMatch match : matches) {
            out.println("  route " + match.route() + ", severity " + match.severity());
            for (RouteMatch.Rendered rendered : match.bodies()) {
                String error = rendered.error() == null ? "" : ": " + rendered.error();
                if (rendered.body() == null) {
                    out.println("    " + rendered.sink() + ": not rendered" + error);
                } else {
                    out.println("    " + rendered.sink() + error + ":");
                    rendered.body().lines().forEach(line -> out.println("      " + line));
                }
            }
        }
        out.println();
    }
}
