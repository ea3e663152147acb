package dev.herald.core.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.kind.aws.CloudTrailSeverity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalogue the distribution ships in etc/herald/runbooks reads without a problem and covers
 * the PCE event types Herald's demo and documentation name and every CloudTrail call its severity
 * rules single out.
 */
class ShippedCatalogueTest {
    private static final Path SHIPPED = Path.of("../../karaf-assembly/src/main/resources/assembly/etc/herald/runbooks");

    private static RunbookCatalogue shipped() {
        assertTrue(Files.isDirectory(SHIPPED), SHIPPED.toAbsolutePath() + " is missing");
        RunbookCatalogue c = new RunbookCatalogue(SHIPPED);
        c.refresh();
        assertEquals(Map.of(), c.problems());
        return c;
    }

    @Test
    void coversThePceEventTypes() {
        RunbookCatalogue c = shipped();
        for (String type : List.of("user.sign_in", "user.login_failed", "sec_policy.create", "agent.tampering",
                "request.authentication_failed", "rule_set.update")) {
            Runbook r = c.find("pce", type).orElseThrow(() -> new AssertionError("no runbook for PCE " + type));
            assertTrue(r.link().startsWith("https://"), type);
        }
    }

    @Test
    void coversEveryCloudTrailCallTheSeverityRulesSingleOut() {
        RunbookCatalogue c = shipped();
        for (String call : CloudTrailSeverity.SENSITIVE_CALLS) {
            Runbook r = c.find("cloudtrail", call).orElseThrow(() -> new AssertionError("no runbook for " + call));
            assertEquals("high", r.severity(), call);
            assertTrue(r.link().startsWith("https://docs.aws.amazon.com/"), call);
        }
        assertEquals("medium", c.find("cloudtrail", "ConsoleLogin").orElseThrow().severity());
    }
}
