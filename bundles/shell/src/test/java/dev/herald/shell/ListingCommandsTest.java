package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.Counters;
import dev.herald.api.admin.RouteView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** herald:sources, herald:sinks and herald:routes. */
class ListingCommandsTest {

    @Test
    void sinksTableShowsStateCountersSilencedPendingAndDeadLetters() throws Exception {
        String out = Shell.run(new SinksCommand(), FakeAdmin.populated());

        String secops = line(out, "secops");
        assertTrue(secops.matches(".*secops\\s+\\| slack\\s+\\| active\\s+\\|\\s+7 \\|\\s+2 \\|\\s+1 \\|\\s+3 \\|\\s+3 \\|\\s+1 \\|"
                + " 2026-11-22T10:01:00Z \\| last failure: HTTP 429 rate limited.*"),
                "delivered, retried, dead-lettered, silenced, pending, DLQ: " + secops);
        assertTrue(out.contains("Dead-lettered") && out.contains("Silenced"), out);
    }

    @Test
    void verboseSinksShowSettingsButNeverASecret() throws Exception {
        String out = Shell.run(new SinksCommand(), FakeAdmin.populated(), "-v");

        assertFalse(out.contains(FakeAdmin.SECRET), out);
        assertTrue(out.contains("  channel = #secops"), out);
        assertTrue(out.contains("  token = ****"), out);
        assertTrue(out.contains("  proxy = http://herald:****@proxy.example:3128"), out);
        assertTrue(out.contains("  headers = Authorization=****, X-Team=soc"), out);
        assertTrue(out.contains("  endpoint = https://hooks.example/services?api_key=****"), out);
        assertTrue(out.contains("  level = info"), out);
        assertTrue(out.contains("secops (slack)\n  last failure: HTTP 429 rate limited\n  channel = #secops"), out);
    }

    @Test
    void sourcesTableAndSettings() throws Exception {
        String out = Shell.run(new SourcesCommand(), FakeAdmin.populated(), "--verbose");

        assertTrue(line(out, "inbox ").matches(".*inbox\\s+\\| file\\s+\\| active\\s+\\|\\s+12 \\|\\s+2 \\|\\s+1 \\|\\s+3 \\| 2026-11-22T10:00:00Z.*"), out);
        assertTrue(out.contains("inbox (file)\n  directory = /opt/herald/demo/inbox\n  pattern = *.json"), out);
    }

    @Test
    void routesTableShowsStatePatternAndSinks() throws Exception {
        String out = Shell.run(new RoutesCommand(), FakeAdmin.populated());

        String iam = line(out, "iam-changes");
        assertTrue(iam.contains("enabled"), iam);
        assertTrue(iam.contains("secops, console"), iam);
        assertTrue(iam.matches(".*\\|\\s+7 \\|\\s+1 \\|\\s+3 \\| secops.*"), "routed, throttled, silenced: " + iam);
        assertTrue(iam.contains("{\"source\":[\"cloudtrail\"]"), iam);
        assertTrue(line(out, "everything").contains("disabled"), out);
    }

    @Test
    void anInvalidRouteShowsItsError() throws Exception {
        FakeAdmin admin = FakeAdmin.populated();
        admin.routes.add(new RouteView("broken", true, "pattern: not valid JSON",
                "{nope", List.of("console"), null, null, Counters.ZERO));

        String out = Shell.run(new RoutesCommand(), admin, "-v", "broken");

        assertTrue(line(out, "broken").contains("invalid"), out);
        assertTrue(out.contains("  error:    pattern: not valid JSON"), out);
        assertFalse(out.contains("iam-changes"), "only the named route: " + out);
    }

    @Test
    void emptyListsSaySo() throws Exception {
        assertEquals("no sources configured\n", Shell.run(new SourcesCommand(), FakeAdmin.empty()));
        assertEquals("no sinks configured\n", Shell.run(new SinksCommand(), FakeAdmin.empty()));
        assertEquals("no routes configured\n", Shell.run(new RoutesCommand(), FakeAdmin.empty()));
    }

    @Test
    void anUnknownSinkNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new SinksCommand(), FakeAdmin.populated(), "secop"));
        assertEquals("unknown sink 'secop'; known sinks: console, secops", e.getMessage());
    }

    static String line(String out, String containing) {
        return out.lines().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + containing + "' in:\n" + out));
    }
}
