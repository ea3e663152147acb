package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.Problem;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    @Test
    void saysAllGoodWhenThereIsNoProblem() throws Exception {
        String out = Shell.run(new StatusCommand(), FakeAdmin.populated());

        assertTrue(out.contains("All good"), out);
        assertTrue(out.contains("/opt/herald/data/herald"), out);
        assertTrue(out.contains("pending       3 waiting for delivery"), out);
        assertTrue(out.contains("dead letters  1  (see herald:dlq list)"), out);
        assertTrue(out.contains("quarantined   1  (see herald:quarantine)"), out);
    }

    @Test
    void listsEveryProblemWithItsSubjectAndMessage() throws Exception {
        FakeAdmin admin = FakeAdmin.populated();
        admin.problems.add(new Problem("route it-broken", "pattern: not valid JSON at line 1; fix the route's pattern"));
        admin.problems.add(new Problem("sink webhook/it-badurl", "url: 'ftp://x' is not an http(s) URL"));

        String out = Shell.run(new StatusCommand(), admin);

        assertFalse(out.contains("All good"), out);
        assertTrue(out.contains("2 problems to fix:"), out);
        assertTrue(out.contains("  route it-broken: pattern: not valid JSON at line 1; fix the route's pattern"), out);
        assertTrue(out.contains("  sink webhook/it-badurl: url: 'ftp://x' is not an http(s) URL"), out);
    }

    @Test
    void endsWithOneAlignedLinePerSourceRouteAndSink() throws Exception {
        String out = Shell.run(new StatusCommand(), FakeAdmin.populated());

        assertTrue(out.contains("source  inbox (file)    active    received 12, deduped 2, quarantined 1"), out);
        assertTrue(out.contains("route   iam-changes     enabled   routed 7, throttled 1, silenced 3 -> secops, console"), out);
        assertTrue(out.contains("route   everything      disabled  routed 0, throttled 0, silenced 0 -> console"), out);
        assertTrue(out.contains("sink    secops (slack)  active    delivered 7, retried 2, dead-lettered 1, silenced 3, pending 3, dlq 1"), out);
    }

    @Test
    void worksWhenNothingIsConfigured() throws Exception {
        String out = Shell.run(new StatusCommand(), FakeAdmin.empty());

        assertTrue(out.contains("All good"), out);
        assertTrue(out.contains("no sources, routes or sinks are configured"), out);
    }

    @Test
    void neverPrintsASecret() throws Exception {
        assertFalse(Shell.run(new StatusCommand(), FakeAdmin.populated()).contains(FakeAdmin.SECRET));
    }
}
