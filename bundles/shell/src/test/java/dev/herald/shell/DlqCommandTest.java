package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DlqCommandTest {

    private final FakeAdmin admin = FakeAdmin.populated();

    @Test
    void listShowsWhyEachDeliveryWasGivenUp() throws Exception {
        String out = Shell.run(new DlqCommand(), admin, "list");

        String row = ListingCommandsTest.line(out, "channel_not_found");
        assertTrue(row.matches("\\s*41 \\| secops \\| iam-changes \\| ev-1\\s+\\| CreateUser \\|\\s+5 \\| 2026-11-22T10:00:00Z"
                + " \\| 2026-11-22T10:10:00Z \\| HTTP 404 channel_not_found\\s*"), row);
        assertEquals(List.of("dead-letters null 50"), admin.calls);
    }

    @Test
    void listWithNothingSaysNoDeadLetters() throws Exception {
        admin.deadLetters.clear();
        assertEquals("no dead letters\n", Shell.run(new DlqCommand(), admin, "list"));
        assertEquals("no dead letters for sink console\n", Shell.run(new DlqCommand(), admin, "--sink", "console", "list"));
    }

    @Test
    void purgeWithoutASelectionRefusesAndAsksForAll() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new DlqCommand(), admin, "purge"));

        assertTrue(e.getMessage().contains("--all"), e.getMessage());
        assertTrue(admin.calls.isEmpty(), "nothing was purged: " + admin.calls);
    }

    @Test
    void purgeOfOneSinkWithoutIdsAlsoNeedsAll() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new DlqCommand(), admin, "--sink", "secops", "purge"));

        assertTrue(e.getMessage().endsWith("--all to delete every dead letter of sink secops"), e.getMessage());
        assertTrue(admin.calls.isEmpty(), admin.calls.toString());
    }

    @Test
    void purgeAllAndPurgeIds() throws Exception {
        assertEquals("purged 1 dead letter\n", Shell.run(new DlqCommand(), admin, "--all", "purge"));
        assertEquals("purged 1 dead letter (1 of the given ids were not found)\n",
                Shell.run(new DlqCommand(), admin, "purge", "41", "99"));
        assertEquals(List.of("purge null []", "purge null [41, 99]"), admin.calls);
    }

    @Test
    void optionsMayFollowTheAction() throws Exception {
        assertEquals("purged 1 dead letter\n", Shell.run(new DlqCommand(), admin, "purge", "--sink", "secops", "--all"));
        Shell.run(new DlqCommand(), admin, "list", "--sink=secops", "-n", "5");
        assertEquals(List.of("purge secops []", "dead-letters secops 5"), admin.calls);
    }

    @Test
    void retryWithoutIdsMovesEveryDeadLetterOfTheSelection() throws Exception {
        assertEquals("moved 1 dead letter back to the outbox\n",
                Shell.run(new DlqCommand(), admin, "--sink", "secops", "retry"));
        assertEquals(List.of("retry secops []"), admin.calls);
    }

    @Test
    void idsAndAllTogetherAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new DlqCommand(), admin, "--all", "purge", "41"));
        assertEquals("give either dead-letter ids or --all, not both", e.getMessage());
        assertTrue(admin.calls.isEmpty());
    }

    @Test
    void badIdsAndActionsGetActionableMessages() {
        assertEquals("dead-letter ids are numbers (herald:dlq list shows them), not 'ev-1'",
                assertThrows(IllegalArgumentException.class,
                        () -> Shell.run(new DlqCommand(), admin, "retry", "ev-1")).getMessage());
        assertEquals("unknown action 'drop' for herald:dlq: use one of list, retry, purge",
                assertThrows(IllegalArgumentException.class,
                        () -> Shell.run(new DlqCommand(), admin, "drop")).getMessage());
    }

    @Test
    void anUnknownSinkListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new DlqCommand(), admin, "--sink", "pager", "retry"));

        assertEquals("unknown sink 'pager'; known sinks: console, secops", e.getMessage());
        assertTrue(admin.calls.isEmpty());
    }
}
