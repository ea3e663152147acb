package dev.herald.shell;

import dev.herald.api.admin.SilenceRequest;
import dev.herald.api.admin.SilenceView;
import java.io.PrintStream;
import java.security.AccessController;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.Subject;
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
 * {@code herald:silence [list|add|expire]}: holds back the notifications of matching events for a
 * while (a maintenance window, a known noisy change); they are counted as silenced, not sent, and
 * not sent later either.
 */
@Command(scope = "herald", name = "silence", description = "Adds, lists or expires silences: notifications of"
        + " matching events are counted, not sent, while a silence lasts",
        detailedDescription = "silence [list]: active silences, and those that ended in the last 5 days.\n"
                + "silence add --pattern '<EventBridge pattern>' --for <duration> --comment '<why>' [--sink s]...:"
                + " from now for the duration (30m, 2h, 1d, 1w or ISO-8601 such as PT2H30M), notifications of"
                + " matching events to the sinks (every sink without --sink) are counted as silenced and not sent;"
                + " they are not sent when the silence ends either (herald:replay can send them).\n"
                + "silence expire <id>...: ends silences now.\n"
                + "A silence applies when a notification is created: what already waits in an outbox is sent.")
@Service
public class SilenceCommand extends HeraldCommand {

    private static final List<String> ACTIONS = List.of("list", "add", "expire");

    @Argument(index = 0, name = "action", description = "list (the default), add or expire")
    @Completion(value = StringsCompleter.class, values = {"list", "add", "expire"})
    String action = "list";

    /** Ids, and any options typed after the action (Karaf stops parsing options at the first argument). */
    @Argument(index = 1, name = "ids", multiValued = true, description = "expire: silence ids, as herald:silence lists them")
    List<String> ids;

    @Option(name = "--pattern", description = "add: the EventBridge pattern of the events to silence,"
            + " e.g. '{\"source\":[\"cloudtrail\"],\"detail\":{\"eventName\":[\"ConsoleLogin\"]}}'")
    String pattern;

    @Option(name = "--for", description = "add: how long from now: 30m, 2h, 1d, 1w or ISO-8601 (PT2H30M)")
    String duration;

    @Option(name = "--comment", description = "add: why (required), e.g. a ticket or a maintenance window")
    String comment;

    @Option(name = "--sink", multiValued = true, description = "add: only this sink (repeatable); default every sink")
    @Completion(SinkNameCompleter.class)
    List<String> sinks;

    @Reference(optional = true)
    Session session;

    @Override
    void run(PrintStream out) {
        action(action, ACTIONS, "silence");
        List<String> sinkWords = new ArrayList<>(sinks == null ? List.of() : sinks);
        List<Long> selected = new ActionWords("silence ids are numbers (herald:silence lists them)")
                .option(v -> pattern = v, "--pattern")
                .option(v -> duration = v, "--for")
                .option(v -> comment = v, "--comment")
                .option(sinkWords::add, "--sink")
                .ids(ids);
        if ("add".equals(action)) {
            if (!selected.isEmpty()) {
                throw new IllegalArgumentException("silence add takes no ids: give --pattern, --for and --comment");
            }
            add(out, sinkWords);
        } else if ("expire".equals(action)) {
            if (selected.isEmpty()) {
                throw new IllegalArgumentException("give the ids of the silences to expire (herald:silence lists them)");
            }
            for (long id : selected) {
                SilenceView s = admin.expireSilence(id, user());
                out.println("expired silence " + s.id() + " at " + Text.time(s.end()));
            }
        } else {
            if (!selected.isEmpty()) {
                throw new IllegalArgumentException("silence list takes no ids");
            }
            list(out, admin.silences());
        }
    }

    private void add(PrintStream out, List<String> sinkWords) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("--pattern is missing: give the EventBridge pattern of the events to"
                    + " silence, e.g. --pattern '{\"source\":[\"cloudtrail\"]}'");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("--comment is missing: say why you silence this (a ticket, a"
                    + " maintenance window), so that whoever sees the silence later knows");
        }
        SilenceView s = admin.addSilence(new SilenceRequest(pattern, sinkWords,
                SilenceRequest.duration(duration, "--for"), comment, user()));
        out.println("silence " + s.id() + " holds back notifications to "
                + (s.sinks().isEmpty() ? "every sink" : Text.list(s.sinks())) + " until " + Text.time(s.end())
                + " (herald:silence expire " + s.id() + " ends it sooner)");
    }

    static void list(PrintStream out, List<SilenceView> silences) {
        if (silences.isEmpty()) {
            out.println("no silences");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("State");
        table.column("Start");
        table.column("End");
        table.column("Sinks");
        table.column("Pattern");
        table.column("By");
        table.column("Comment");
        for (SilenceView s : silences) {
            table.addRow().addContent(s.id(), state(s), Text.time(s.start()), Text.time(s.end()),
                    s.sinks().isEmpty() ? "every sink" : Text.list(s.sinks()), Text.oneLine(s.pattern(), 80),
                    Text.orDash(s.creator()), Text.oneLine(s.comment(), 60));
        }
        table.print(out);
    }

    static String state(SilenceView s) {
        if (s.active()) {
            return "active";
        }
        return s.expiredBy() == null ? "ended" : s.expiredBy().isEmpty() ? "expired" : "expired by " + s.expiredBy();
    }

    /** Who runs the command: the shell session's user, else the JAAS subject's, else unknown (null). */
    @SuppressWarnings("removal")
    String user() {
        if (session != null && session.get("USER") instanceof String u && !u.isBlank()) {
            return u;
        }
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return p.getName();
                }
            }
        }
        return null;
    }
}
