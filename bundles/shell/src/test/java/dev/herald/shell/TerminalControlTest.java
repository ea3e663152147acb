package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.admin.Counters;
import dev.herald.api.admin.DeadLetterView;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.EventView;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.QuarantineView;
import dev.herald.api.admin.RouteView;
import dev.herald.api.admin.SendResult;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Hostile text (event content, quarantine content and reasons, dead-letter reasons, sink answers,
 * names) reaches the operator's terminal without a control sequence: a title-setting OSC, a
 * screen clear, C1 controls and bidi overrides print as visible replacements.
 */
class TerminalControlTest {

    /** Sets the terminal's title, clears the screen, a C1 CSI, a right-to-left override, a BEL and a CR. */
    static final String HOSTILE = "a\u001b]0;pwned\u0007b\u001b[2Jc\u009b31md\u202Ee\rf";

    @Test
    void theHelperReplacesControlCharactersVisiblyAndKeepsLineBreaksAndTabs() {
        assertEquals("a^[]0;pwned^Gb^[[2Jc<U+009B>31md<U+202E>e^Mf", TerminalText.safe(HOSTILE));
        assertEquals("line 1\nline 2\tcolumn\r\n", TerminalText.safe("line 1\nline 2\tcolumn\r\n"));
        assertEquals("^@^?<U+2066>", TerminalText.safe("\u0000\u007f\u2066"));
        assertEquals("naïve 日本 ✓", TerminalText.safe("naïve 日本 ✓"));
    }

    @Test
    void anEventWhoseDetailHoldsEscapeSequencesPrintsWithoutThem() throws Exception {
        FakeAdmin admin = hostileAdmin();
        String out = Shell.run(new EventsCommand(), admin, "--id", "ev-x");
        assertSafe(out);
        assertTrue(out.contains("^[]0;pwned^G"), out);
        assertTrue(out.contains("^[[2J"), out);
    }

    @Test
    void everyCommandPrintsHostileTextSafely() throws Exception {
        Map<String, Supplier<HeraldCommand>> commands = Map.of(
                "events", EventsCommand::new, "quarantine", QuarantineCommand::new, "dlq", DlqCommand::new,
                "history", HistoryCommand::new, "sinks", SinksCommand::new, "sources", SourcesCommand::new,
                "routes", RoutesCommand::new, "status", StatusCommand::new, "send-test", SendTestCommand::new);
        Map<String, String[]> args = Map.of("dlq", new String[] {"list"}, "sinks", new String[] {"-v"},
                "sources", new String[] {"-v"}, "routes", new String[] {"-v"}, "send-test", new String[] {"soc" + HOSTILE});
        for (Map.Entry<String, Supplier<HeraldCommand>> command : commands.entrySet()) {
            String out = Shell.run(command.getValue().get(), hostileAdmin(),
                    args.getOrDefault(command.getKey(), new String[0]));
            assertSafe(out);
            assertTrue(out.contains("^["), command.getKey() + " must show what it replaced: " + out);
        }
    }

    @Test
    void anErrorNamingHostileNamesIsSafeToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new SinksCommand(), hostileAdmin(), "nope"));
        assertSafe(e.getMessage());
        assertTrue(e.getMessage().contains("soca^[]0;pwned^G"), e.getMessage());
    }

    private static void assertSafe(String out) {
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            boolean allowed = c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f) || c > 0x9f;
            assertTrue(allowed, String.format("U+%04X at %d in: %s", (int) c, i, out));
            assertFalse(c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069,
                    String.format("bidi control U+%04X at %d in: %s", (int) c, i, out));
        }
    }

    /** Herald whose every untrusted text carries {@link #HOSTILE}. */
    private static FakeAdmin hostileAdmin() throws Exception {
        FakeAdmin a = FakeAdmin.empty();
        String raw = "{\"eventName\":\"" + HOSTILE.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007")
                .replace("\r", "\\r") + "\",\"note\":\"" + HOSTILE + "\"}";
        Event event = Event.builder().id("ev-x").source("cloudtrail").instance("inbox" + HOSTILE)
                .type("Create" + HOSTILE).time(FakeAdmin.T0).severity(Severity.HIGH)
                .detail(new ObjectMapper().readTree("{\"eventName\":\"" + HOSTILE.replace("\u001b", "\\u001b")
                        .replace("\u0007", "\\u0007").replace("\r", "\\r") + "\"}"))
                .raw(raw).build();
        a.events.add(new EventView(event, FakeAdmin.T0, List.of("route" + HOSTILE)));
        a.quarantine.add(new QuarantineView(1, "inbox" + HOSTILE, "bad.jsonl:1" + HOSTILE, "not JSON" + HOSTILE,
                "{" + HOSTILE, FakeAdmin.T0));
        a.deadLetters.add(new DeadLetterView(2, "soc" + HOSTILE, "route", "ev-x", "Create" + HOSTILE, 3,
                FakeAdmin.T0, FakeAdmin.T0, "HTTP 400 " + HOSTILE));
        a.history.add(new DeliveryView(FakeAdmin.T0, "soc" + HOSTILE, "route", "ev-x", 1, "retry", "HTTP 500 " + HOSTILE));
        a.sinks.add(new SinkView("soc" + HOSTILE, "webhook", "failed", "url " + HOSTILE,
                Map.of("channel", "#soc" + HOSTILE), Counters.ZERO, 0, 0, "HTTP 500 " + HOSTILE, null, 0));
        a.sources.add(new SourceView("inbox" + HOSTILE, "file", "active", "cannot read " + HOSTILE,
                Map.of("directory", "/in" + HOSTILE), Counters.ZERO, 0, null));
        a.routes.add(new RouteView("route" + HOSTILE, false, "bad pattern " + HOSTILE, "{" + HOSTILE,
                List.of("soc" + HOSTILE), null, null, Counters.ZERO));
        a.problems.add(new Problem("sink soc" + HOSTILE, "rejected " + HOSTILE));
        a.sendResult = new SendResult(false, false, "HTTP 400 " + HOSTILE, "{" + HOSTILE);
        return a;
    }
}
