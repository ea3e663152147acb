package dev.herald.shell;

import dev.herald.api.admin.ReplayRequest;
import dev.herald.api.admin.ReplayResult;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code herald:replay}: evaluates the events the event log retains in a time range against one
 * route (also a disabled one) and prints what it would send, or with {@code --send} puts it into
 * the sinks' outboxes.
 */
@Command(scope = "herald", name = "replay",
        description = "Applies a route to retained events of a time range: a dry run, or with --send delivers them again")
@Service
public class ReplayCommand extends HeraldCommand {

    @Option(name = "--since", required = true,
            description = "Start of the range: 2026-11-20T10:00:00Z, a date (UTC), or an age such as 90m, 36h, 7d")
    String since;

    @Option(name = "--until", description = "End of the range (exclusive), same forms as --since; default now")
    String until;

    @Option(name = "--route", required = true, description = "The route whose pattern, severity and sinks apply;"
            + " it may be disabled")
    @Completion(RouteNameCompleter.class)
    String route;

    @Option(name = "--sink", multiValued = true, description = "Only this sink of the route (repeatable); default all")
    @Completion(SinkNameCompleter.class)
    List<String> sinks;

    @Option(name = "--source", description = "Only events of this source (envelope source, e.g. cloudtrail) or"
            + " source instance")
    String source;

    @Option(name = "--type", description = "Only events of this type")
    String type;

    @Option(name = "--id", description = "Only the event with this id")
    String id;

    @Option(name = "--send", description = "Deliver; without it nothing is sent and only the counts are printed")
    boolean send;

    /** Ages ({@code 7d}) count back from this clock's now. */
    Clock clock = Clock.systemUTC();

    @Override
    void run(PrintStream out) {
        Instant now = clock.instant();
        ReplayResult r = admin.replay(new ReplayRequest(TimeArgument.parse(since, "--since", now),
                until == null ? null : TimeArgument.parse(until, "--until", now), source, type, id, route,
                sinks == null ? List.of() : sinks, send));
        out.println((r.sent() ? "replay " + r.replay() : "dry run") + " of route " + route + " from "
                + Text.time(r.since()) + " to " + Text.time(r.until()) + ": "
                + Text.count(r.scanned(), "event", "events") + " scanned, " + r.matched() + " matched");
        for (Map.Entry<String, Long> sink : r.perSink().entrySet()) {
            out.println("  " + sink.getKey() + ": " + (r.sent() ? "queued " : "would send ")
                    + Text.count(sink.getValue(), "notification", "notifications"));
        }
        out.println(r.sent()
                ? "queued in the sinks' outboxes, with retries and dead letters as usual (herald:outbox shows what waits)"
                : "nothing was sent: add --send to deliver");
    }
}
