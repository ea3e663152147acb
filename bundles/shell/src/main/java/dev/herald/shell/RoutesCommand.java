package dev.herald.shell;

import dev.herald.api.admin.RouteView;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code herald:routes}: every route, valid or not, with its pattern, sinks and counters. */
@Command(scope = "herald", name = "routes", description = "Lists routes with their pattern, sinks, counters and errors")
@Service
public class RoutesCommand extends HeraldCommand {

    @Argument(index = 0, name = "name", description = "Show only this route")
    @Completion(RouteNameCompleter.class)
    String name;

    @Option(name = "-v", aliases = "--verbose", description = "Show each route's full pattern, severity and throttle")
    boolean verbose;

    @Override
    void run(PrintStream out) {
        List<RouteView> routes = admin.routes();
        if (name != null) {
            KnownNames.require("route", name, routes.stream().map(RouteView::name).toList());
            routes = routes.stream().filter(r -> r.name().equals(name)).toList();
        }
        if (routes.isEmpty()) {
            out.println("no routes configured");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("State");
        table.column("Routed").alignRight();
        table.column("Throttled").alignRight();
        table.column("Silenced").alignRight();
        table.column("Sinks");
        table.column("Pattern");
        table.column("Error");
        for (RouteView r : routes) {
            table.addRow().addContent(r.name(), state(r), r.counters().routed(), r.counters().throttled(),
                    r.counters().silenced(), Text.list(r.sinks()), Text.oneLine(r.pattern(), 60), Text.oneLine(r.error(), 60));
        }
        table.print(out);
        if (verbose) {
            routes.forEach(r -> printDetails(out, r));
        }
    }

    /** {@code invalid} (its configuration was rejected), {@code enabled} or {@code disabled}. */
    static String state(RouteView route) {
        if (route.error() != null) {
            return "invalid";
        }
        return route.enabled() ? "enabled" : "disabled";
    }

    private static void printDetails(PrintStream out, RouteView r) {
        out.println();
        out.println(r.name());
        if (r.error() != null) {
            out.println("  error:    " + r.error());
        }
        out.println("  pattern:  " + Text.orDash(r.pattern()));
        out.println("  sinks:    " + Text.list(r.sinks()));
        out.println("  severity: " + Text.orDash(r.severity()));
        out.println("  throttle: " + Text.orDash(r.throttle()));
    }
}
