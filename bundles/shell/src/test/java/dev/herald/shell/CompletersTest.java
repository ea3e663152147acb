package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.junit.jupiter.api.Test;

class CompletersTest {

    private final FakeAdmin admin = FakeAdmin.populated();

    @Test
    void completeSinkSourceAndRouteNames() {
        SinkNameCompleter sinks = new SinkNameCompleter();
        sinks.admin = admin;
        SourceNameCompleter sources = new SourceNameCompleter();
        sources.admin = admin;
        RouteNameCompleter routes = new RouteNameCompleter();
        routes.admin = admin;

        assertEquals(List.of("secops "), complete(sinks, "se"));
        assertEquals(List.of("console ", "secops "), complete(sinks, ""));
        assertEquals(List.of("inbox "), complete(sources, "in"));
        assertEquals(List.of("everything ", "iam-changes "), complete(routes, ""));
    }

    private static List<String> complete(Completer completer, String typed) {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new Typed(typed), candidates);
        candidates.sort(null);
        return candidates;
    }

    /** The command line when the cursor is at the end of a partly typed argument. */
    private record Typed(String argument) implements CommandLine {
        public int getCursorArgumentIndex() { return 1; }
        public String getCursorArgument() { return argument; }
        public int getArgumentPosition() { return argument.length(); }
        public String[] getArguments() { return new String[] {"herald:sinks", argument}; }
        public int getBufferPosition() { return getBuffer().length(); }
        public String getBuffer() { return "herald:sinks " + argument; }
    }
}
