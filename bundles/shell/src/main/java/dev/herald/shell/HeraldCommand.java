package dev.herald.shell;

import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * What every {@code herald:*} command shares: the {@link HeraldAdmin} service (Karaf's command
 * extender injects it and registers the commands only while core provides it), output that no
 * untrusted text can turn into terminal control sequences ({@link TerminalText}), and the checks
 * that turn a mistyped name or count into a message the operator can act on.
 */
public abstract class HeraldCommand implements Action {

    @Reference
    HeraldAdmin admin;

    /**
     * Runs the command with its output, and its error message (which may quote names), made safe
     * for the terminal.
     */
    @Override
    public final Object execute() throws Exception {
        PrintStream out = TerminalText.printStream(System.out);
        try {
            run(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TerminalText.safe(e.getMessage()), e);
        } finally {
            out.flush();
        }
        return null;
    }

    /** Does the command's work, printing to {@code out} only. */
    abstract void run(PrintStream out) throws Exception;

    /** The name of a configured (or store-known) sink, else an error listing the known ones. */
    String requireSink(String name) {
        return KnownNames.require("sink", name, admin.sinks().stream().map(SinkView::name).toList());
    }

    /** The name of a configured (or store-known) source instance, else an error listing them. */
    String requireSource(String name) {
        return KnownNames.require("source", name, admin.sources().stream().map(SourceView::instance).toList());
    }

    /** A {@code -n} value, which must be at least 1. */
    static int limit(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("-n must be at least 1, was " + n);
        }
        return n;
    }

    /** An action word of a command with sub-actions ({@code dlq list}, {@code checkpoint show}). */
    static String action(String given, List<String> allowed, String command) {
        if (!allowed.contains(given)) {
            throw new IllegalArgumentException("unknown action '" + given + "' for herald:" + command
                    + ": use one of " + String.join(", ", allowed));
        }
        return given;
    }
}
