package dev.herald.sink.syslog;

import static dev.herald.sink.syslog.SyslogSinkTest.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A receiver that accepts the connection but never reads: the write is abandoned after write_timeout. */
class WriteTimeoutTest {

    @Test
    void aReceiverThatDoesNotReadFailsTheBatchAsRetryable() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SyslogSink sink = new SyslogSink(SyslogSinkTest.config(Map.of("name", "siem", "host", "127.0.0.1",
                    "port", Integer.toString(server.getLocalPort()), "write_timeout", "1",
                    "max_message_size", "65536")), ZoneOffset.UTC);
            List<Notification> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(notification("e" + i, "t", Severity.INFO, "x".repeat(60_000)));
            }
            // the kernel completes the connection from the backlog; nobody accepts it, so nobody reads
            try {
                DeliveryException e = assertThrows(DeliveryException.class, () -> sink.sendBatch(batch));
                assertTrue(e.isRetryable());
                assertEquals("timed out talking to tcp://127.0.0.1:" + server.getLocalPort() + " (the write did not"
                        + " complete within write_timeout (1 s): the receiver does not read): check the receiver"
                        + " and firewalls, or raise connect_timeout / write_timeout", e.getMessage());
            } finally {
                sink.deactivate();
            }
        }
    }
}
