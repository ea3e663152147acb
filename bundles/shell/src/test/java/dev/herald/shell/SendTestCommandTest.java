package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.SendResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendTestCommandTest {

    private final FakeAdmin admin = FakeAdmin.populated();

    @Test
    void printsADeliveredVerdictAndTheBody() throws Exception {
        String out = Shell.run(new SendTestCommand(), admin, "secops");

        assertEquals("sink secops: delivered\n\nbody:\n{\"text\":\"test\"}\n", out);
        assertEquals(List.of("send-test secops"), admin.calls);
        assertTrue(admin.sendTested.isEmpty(), "Herald's built-in test event is asked for with null");
    }

    @Test
    void printsRetryableAndPermanentFailures() throws Exception {
        admin.sendResult = new SendResult(false, true, "HTTP 503 from hooks.example", "{}");
        assertTrue(Shell.run(new SendTestCommand(), admin, "secops")
                .startsWith("sink secops: retryable failure: HTTP 503 from hooks.example\n"));

        admin.sendResult = new SendResult(false, false, "HTTP 404 channel_not_found", "{}");
        assertTrue(Shell.run(new SendTestCommand(), admin, "secops")
                .startsWith("sink secops: permanent failure: HTTP 404 channel_not_found\n"));
    }

    @Test
    void sendsTheFirstEventOfAFile() throws Exception {
        Shell.run(new SendTestCommand(), admin, "--event", RouteTestCommandTest.sample().toString(), "console");

        assertEquals(1, admin.sendTested.size());
        assertEquals("CreateUser", admin.sendTested.get(0).type());
    }

    @Test
    void aFileWithoutEventSaysWhy(@TempDir Path dir) throws Exception {
        Path file = RouteTestCommandTest.write(dir, "bad.json", "[{\"eventID\":\"x\",\"eventName\":\"y\",\"eventSource\":\"z\"}]");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new SendTestCommand(), admin, "--event", file.toString(), "console"));

        assertTrue(e.getMessage().startsWith("no event in bad.json; record 1: "), e.getMessage());
        assertTrue(admin.calls.isEmpty());
    }

    @Test
    void anUnknownSinkListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new SendTestCommand(), admin, "slack"));

        assertEquals("unknown sink 'slack'; known sinks: console, secops", e.getMessage());
        assertTrue(admin.calls.isEmpty());
    }

    @Test
    void withNoSinkConfiguredItSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new SendTestCommand(), FakeAdmin.empty(), "slack"));

        assertEquals("unknown sink 'slack': no sinks are configured", e.getMessage());
    }
}
