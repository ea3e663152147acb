package dev.herald.shell;

import dev.herald.api.admin.OutboxView;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code herald:outbox [list] | purge <sink>}: the deliveries waiting per sink, and a way to drop
 * one sink's for good (a sink that will never come back). Purging asks first unless {@code --force}.
 */
@Command(scope = "herald", name = "outbox", description = "Lists the deliveries waiting per sink, or purges one sink's",
        detailedDescription = "outbox [list]: for each sink with waiting entries, how many and how old the oldest is.\n"
                + "outbox purge <sink> [--force]: deletes every entry waiting for that sink; they are neither"
                + " delivered nor dead-lettered. Asks you to type yes unless --force is given.")
@Service
public class OutboxCommand extends HeraldCommand {

    private static final List<String> ACTIONS = List.of("list", "purge");

    @Argument(index = 0, name = "action", description = "list (the default) or purge")
    @Completion(value = StringsCompleter.class, values = {"list", "purge"})
    String action = "list";

    @Argument(index = 1, name = "sink", description = "purge: the sink whose waiting entries are deleted")
    @Completion(SinkNameCompleter.class)
    String sink;

    /** Karaf stops parsing options at the first argument, so {@code --force} may also come last. */
    @Argument(index = 2, name = "--force", description = "purge: do not ask")
    String trailing;

    @Option(name = "--force", description = "purge: delete without asking")
    boolean force;

    @Reference
    Session session;

    Clock clock = Clock.systemUTC();

    /** Asks the operator and returns the answer; Karaf's terminal unless a test answers. */
    Prompt prompt = question -> session.readLine(question, null);

    @Override
    void run(PrintStream out) throws IOException {
        action(action, ACTIONS, "outbox");
        if (trailing != null) {
            if (!trailing.equals("--force")) {
                throw new IllegalArgumentException("unexpected '" + trailing + "': outbox purge takes one sink and --force");
            }
            force = true;
        }
        if (action.equals("list")) {
            if (sink != null) {
                throw new IllegalArgumentException("outbox list takes no sink: it lists every sink with waiting entries");
            }
            list(out);
        } else {
            purge(out);
        }
    }

    private void list(PrintStream out) {
        List<OutboxView> outboxes = admin.outboxes();
        if (outboxes.isEmpty()) {
            out.println("no deliveries are waiting");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Sink");
        table.column("Waiting").alignRight();
        table.column("Oldest");
        table.column("Oldest age").alignRight();
        for (OutboxView o : outboxes) {
            table.addRow().addContent(o.sink(), o.waiting(), Text.time(o.oldest()),
                    o.oldest() == null ? "-" : age(Duration.between(o.oldest(), clock.instant())));
        }
        table.print(out);
    }

    private void purge(PrintStream out) throws IOException {
        if (sink == null) {
            throw new IllegalArgumentException("outbox purge needs the sink's name (herald:outbox lists the sinks"
                    + " with waiting entries)");
        }
        requireSink(sink);
        long waiting = admin.outboxes().stream().filter(o -> o.sink().equals(sink)).mapToLong(OutboxView::waiting)
                .sum();
        if (waiting == 0) {
            out.println("no deliveries are waiting for sink " + sink);
            return;
        }
        if (!force) {
            String answer = prompt.ask("Delete the " + Text.count(waiting, "entry", "entries") + " waiting for sink " + sink
                    + "? They will not be delivered. Type yes to confirm: ");
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
                out.println("nothing purged");
                return;
            }
        }
        long purged = admin.purgeOutbox(sink);
        out.println("purged " + Text.count(purged, "entry", "entries") + " waiting for sink " + sink);
    }

    /** A question to the operator. */
    @FunctionalInterface
    interface Prompt {
        String ask(String question) throws IOException;
    }

    /** {@code 45s}, {@code 12m}, {@code 3h 5m}, {@code 2d 4h}. */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }
}
