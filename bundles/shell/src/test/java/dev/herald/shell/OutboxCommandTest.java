package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.OutboxView;
import dev.herald.api.admin.SinkView;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxCommandTest {

    private final FakeAdmin admin = FakeAdmin.populated();
    /** What the operator was asked, and what they answer. */
    private final List<String> asked = new ArrayList<>();
    private String answer;

    @BeforeEach
    void waiting() {
        admin.sinks.add(new SinkView("old-soc", "?", "absent", "no sink is configured with this name", Map.of(),
                dev.herald.api.admin.Counters.ZERO, 1200, 0, null, null, 0));
        admin.outboxes.add(new OutboxView("old-soc", 1200, FakeAdmin.T0));
        admin.outboxes.add(new OutboxView("secops", 3, FakeAdmin.T0.plusSeconds(3 * 3600 - 65)));
    }

    private OutboxCommand command() {
        OutboxCommand c = new OutboxCommand();
        c.prompt = question -> {
            asked.add(question);
            return answer;
        };
        c.clock = Clock.fixed(FakeAdmin.T0.plusSeconds(3 * 3600 + 5 * 60), ZoneOffset.UTC);
        return c;
    }

    @Test
    void listShowsHowManyWaitPerSinkAndTheOldestsAge() throws Exception {
        String out = Shell.run(command(), admin);

        String oldSoc = ListingCommandsTest.line(out, "old-soc");
        assertTrue(oldSoc.matches("\\s*old-soc\\s+\\|\\s+1200 \\| 2026-11-22T10:00:00Z \\|\\s+3h 5m\\s*"), oldSoc);
        String secops = ListingCommandsTest.line(out, "secops");
        assertTrue(secops.matches("\\s*secops\\s+\\|\\s+3 \\| 2026-11-22T12:58:55Z \\|\\s+6m\\s*"), secops);
        assertEquals(out, Shell.run(command(), admin, "list"));
    }

    @Test
    void listWithNothingWaiting() throws Exception {
        admin.outboxes.clear();
        assertEquals("no deliveries are waiting\n", Shell.run(command(), admin));
    }

    @Test
    void purgeAsksAndDeletesOnlyOnYes() throws Exception {
        answer = "yes";
        String out = Shell.run(command(), admin, "purge", "old-soc");

        assertEquals(List.of("Delete the 1200 entries waiting for sink old-soc? They will not be delivered."
                + " Type yes to confirm: "), asked);
        assertEquals(List.of("purge-outbox old-soc"), admin.calls);
        assertEquals("purged 1200 entries waiting for sink old-soc\n", out);
    }

    @Test
    void purgeWithoutYesDeletesNothing() throws Exception {
        for (String no : new String[] {"", "no", "y", null}) {
            answer = no;
            assertEquals("nothing purged\n", Shell.run(command(), admin, "purge", "old-soc"));
        }
        assertEquals(4, asked.size());
        assertEquals(List.of(), admin.calls, "nothing was purged");
    }

    @Test
    void purgeWithForceDoesNotAsk() throws Exception {
        assertEquals("purged 3 entries waiting for sink secops\n", Shell.run(command(), admin, "--force", "purge", "secops"));
        assertEquals("purged 3 entries waiting for sink secops\n", Shell.run(command(), admin, "purge", "secops", "--force"));
        assertEquals(List.of(), asked);
        assertEquals(List.of("purge-outbox secops", "purge-outbox secops"), admin.calls);
    }

    @Test
    void purgeNeedsAKnownSink() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(command(), admin, "purge"));
        assertTrue(missing.getMessage().contains("outbox purge needs the sink's name"), missing.getMessage());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(command(), admin, "purge", "nope", "--force"));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        assertEquals(List.of(), admin.calls);
    }

    @Test
    void purgeOfASinkWithNothingWaiting() throws Exception {
        assertEquals("no deliveries are waiting for sink console\n", Shell.run(command(), admin, "purge", "console"));
        assertEquals(List.of(), asked);
    }

    @Test
    void sinksAndStatusShowDroppedDeadLetters() throws Exception {
        admin.sinks.set(0, new SinkView("secops", "slack", "active", null, Map.of(),
                new dev.herald.api.admin.Counters(0, 0, 0, 0, 0, 7, 2, 1), 3, 10000, null, null, 250));

        assertTrue(ListingCommandsTest.line(Shell.run(new SinksCommand(), admin), "secops")
                .contains("| 10000 (+250 dropped) |"));
        assertTrue(Shell.run(new StatusCommand(), admin).contains("dlq 10000 (+250 dropped)"));
    }
}
