package dev.herald.shell;

import dev.herald.api.Event;
import dev.herald.api.admin.EventView;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code herald:events}: recent events newest first, or one event in full with {@code --id}. */
@Command(scope = "herald", name = "events", description = "Lists recent events newest first, or shows one with --id")
@Service
public class EventsCommand extends HeraldCommand {

    @Argument(index = 0, name = "text",
            description = "Only events whose id, type, source instance or raw text contain it (case-insensitive)")
    String text;

    @Option(name = "-n", aliases = "--limit", description = "At most this many")
    int limit = 20;

    @Option(name = "--id", description = "Show this event in full: its envelope and its raw record")
    String id;

    @Override
    void run(PrintStream out) {
        if (id != null) {
            if (text != null) {
                throw new IllegalArgumentException("give either --id or a search text, not both");
            }
            EventView view = admin.event(id).orElseThrow(() -> new IllegalArgumentException(
                    "no recent event with id '" + id + "' (herald:events lists the recent ones)"));
            printOne(out, view);
            return;
        }
        List<EventView> events = admin.events(text, limit(limit));
        if (events.isEmpty()) {
            out.println(text == null || text.isBlank() ? "no events yet" : "no recent event contains '" + text + "'");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Time");
        table.column("Instance");
        table.column("Source");
        table.column("Type");
        table.column("Severity");
        table.column("Id");
        table.column("Routes");
        for (EventView v : events) {
            Event e = v.event();
            table.addRow().addContent(Text.time(e.time()), e.instance(), e.source(), e.type(),
                    e.severity().label(), e.id(), Text.list(v.routes()));
        }
        table.print(out);
    }

    private static void printOne(PrintStream out, EventView view) {
        Event e = view.event();
        Text.aligned(List.of(
                List.of("id", e.id()),
                List.of("source", e.source()),
                List.of("instance", e.instance()),
                List.of("type", e.type()),
                List.of("time", Text.time(e.time())),
                List.of("severity", e.severity().label()),
                List.of("received", Text.time(view.received())),
                List.of("routes", Text.list(view.routes())))).forEach(out::println);
        out.println();
        out.println("envelope:");
        out.println(Json.pretty(e.envelope()));
        out.println();
        out.println("raw:");
        out.println(e.raw());
    }
}
