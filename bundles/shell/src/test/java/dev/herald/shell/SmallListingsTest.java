package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void historyShowsEveryAttemptAndItsOutcome() throws Exception {
        String out = Shell.run(new HistoryCommand(), admin);

        assertTrue(ListingCommandsTest.line(out, "retry").matches(
                "2026-11-22T10:01:01Z \\| secops\\s+\\| iam-changes \\| ev-1  \\|\\s+2 \\| retry\\s+\\| HTTP 429 rate limited"), out);
        assertTrue(ListingCommandsTest.line(out, "console").contains("| delivered | -"), out);
        assertEquals("no delivery attempts yet\n", Shell.run(new HistoryCommand(), FakeAdmin.empty()));
    }
}
