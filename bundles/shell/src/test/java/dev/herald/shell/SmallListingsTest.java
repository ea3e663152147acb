package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.QuarantineRetryResult;
import dev.herald.api.admin.QuarantineRetryResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** herald:quarantine and herald:history. */
class SmallListingsTest {

    private final FakeAdmin admin = FakeAdmin.populated();

    @Test
    void quarantineShowsLocationAndReason() throws Exception {
        String out = Shell.run(new QuarantineCommand(), admin, "--source", "inbox", "-n", "3");

        String row = ListingCommandsTest.line(out, "bad.jsonl");
        assertTrue(row.contains("| inbox  | /opt/herald/demo/inbox/bad.jsonl:7 | not JSON: unexpected character '}' | {\"eventID\": }"), row);
        assertEquals(List.of("quarantine inbox 3"), admin.calls);
    }

    @Test
    void quarantineEmptyAndUnknownSource() throws Exception {
        assertEquals("nothing in quarantine\n", Shell.run(new QuarantineCommand(), FakeAdmin.empty()));
        assertEquals("unknown source 'inbx'; known sources: inbox", assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new QuarantineCommand(), admin, "--source", "inbx")).getMessage());
    }

    @Test
    void quarantinePurgeTakesIdsOrAllAndOptionsAfterTheAction() throws Exception {
        assertEquals("purged 1 quarantined record (1 of the given ids were not found)\n",
                Shell.run(new QuarantineCommand(), admin, "purge", "3", "99"));
        assertEquals("purged 1 quarantined record\n", Shell.run(new QuarantineCommand(), admin, "purge", "--source", "inbox", "--all"));
        assertEquals(List.of("purge-quarantine null [3, 99]", "purge-quarantine inbox []"), admin.calls);
    }

    @Test
    void quarantinePurgeWithoutASelectionOrWithBothRefuses() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shell.run(new QuarantineCommand(), admin, "purge"))
                .getMessage().contains("give record ids (herald:quarantine lists them) or --all"));
        assertEquals("give either record ids or --all, not both", assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new QuarantineCommand(), admin, "purge", "3", "--all")).getMessage());
        assertEquals("quarantined record ids are numbers (herald:quarantine lists them), not 'x'",
                assertThrows(IllegalArgumentException.class,
                        () -> Shell.run(new QuarantineCommand(), admin, "purge", "x")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shell.run(new QuarantineCommand(), admin, "list", "3"))
                .getMessage().contains("takes no ids"));
        assertTrue(admin.calls.stream().noneMatch(c -> c.startsWith("purge")), "nothing was purged: " + admin.calls);
    }

    @Test
    void historyShowsEveryAttemptAndItsOutcome() throws Exception {
        String out = Shell.run(new HistoryCommand(), admin);

        assertTrue(ListingCommandsTest.line(out, "retry").matches(
                "2026-11-22T10:01:01Z \\| secops\\s+\\| iam-changes \\| ev-1  \\|\\s+2 \\| retry\\s+\\| HTTP 429 rate limited"), out);
        assertTrue(ListingCommandsTest.line(out, "console").contains("| delivered | -"), out);
        assertEquals("no delivery attempts yet\n", Shell.run(new HistoryCommand(), FakeAdmin.empty()));
    }

    @Test
    void quarantineRetrySaysWhatWasReadAndWhatStaysAndWhy() throws Exception {
        admin.retried = List.of(
                new QuarantineRetryResult(3, "inbox", "bad.jsonl:7", Outcome.CONVERTED, 2, 1, ""),
                new QuarantineRetryResult(4, "inbox", "bad.jsonl:8", Outcome.STILL_UNREADABLE, 0, 0, "no eventTime"),
                new QuarantineRetryResult(5, "inbox", "big.jsonl:1", Outcome.REFUSED, 0, 0, "only part of this record was kept"));

        String out = Shell.run(new QuarantineCommand(), admin, "retry", "--source", "inbox", "3", "4", "5");

        assertTrue(out.startsWith("retried 3 quarantined records: 1 read now (2 events, 1 new), 1 still unreadable, 1 refused\n"),
                out);
        assertTrue(out.contains("bad.jsonl:8") && out.contains("still unreadable: no eventTime"), out);
        assertTrue(out.contains("not retried: only part of this record was kept"), out);
        assertFalse(out.contains("bad.jsonl:7"), "a record read now is not listed: " + out);
        assertEquals(List.of("retry-quarantine inbox [3, 4, 5]"), admin.calls);
    }

    @Test
    void quarantineRetryWithoutIdsRetriesAllAndRefusesIdsWithAll() throws Exception {
        assertEquals("nothing in quarantine\n", Shell.run(new QuarantineCommand(), admin, "retry"));
        Shell.run(new QuarantineCommand(), admin, "retry", "--all");
        assertEquals(List.of("retry-quarantine null []", "retry-quarantine null []"), admin.calls);
        assertEquals("give either record ids or --all, not both", assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new QuarantineCommand(), admin, "retry", "3", "--all")).getMessage());
    }
}
