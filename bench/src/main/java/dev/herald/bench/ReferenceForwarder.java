package dev.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The reference: the smallest plain Java program doing Herald's job on one file, the hardware
 * ceiling the bench compares Herald with. It gunzips the file, parses each line with Jackson,
 * applies the workload's rule, and sends each selected record over one TCP connection as an RFC
 * 5424 message with octet counting, the original JSON as the message and the id Herald would give
 * it in the structured data. No durability, no dedupe, no retries: only the work every forwarder
 * must do.
 *
 * <p>{@code java ReferenceForwarder <workload> <file.jsonl.gz> <port> [<warm-up.jsonl>]} (receiver on
 * loopback). With a warm-up file, it forwards that first, then waits for the file to appear and
 * forwards it on the same connection, so that it is measured warm as Herald is.
 */
public final class ReferenceForwarder {
    private static final long POLL_MILLIS = 1;

    private ReferenceForwarder() {
    }

    public static void main(String[] args) throws Exception {
        Workload workload = Workload.valueOf(args[0]);
        Path file = Path.of(args[1]);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[2]));
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
            if (args.length > 3) {
                Path warmup = Path.of(args[3]);
                forward(workload, Files.newInputStream(warmup), warmup.getFileName().toString(), out);
                out.flush();
                while (!Files.exists(file)) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
            forward(workload, new GZIPInputStream(Files.newInputStream(file), 1 << 16), file.getFileName().toString(), out);
        }
    }

    private static void forward(Workload workload, InputStream lines, String name, OutputStream out) throws IOException {
        String timeField = workload == Workload.CLOUDTRAIL ? "eventTime" : "timestamp";
        String host = InetAddress.getLocalHost().getHostName();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(lines, StandardCharsets.UTF_8), 1 << 16)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                JsonNode record = json.readTree(line);
                if (!workload.selects(record)) {
                    continue;
                }
                String type = workload == Workload.CLOUDTRAIL ? record.path("eventName").asText() : "flow";
                byte[] message = ("<134>1 " + record.path(timeField).asText() + " " + host + " herald - " + type
                        + " [herald@32473 id=\"" + workload.id(record, name, number) + "\" source=\"" + workload.source
                        + "\"] " + line).getBytes(StandardCharsets.UTF_8);
                out.write(Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII));
                out.write(' ');
                out.write(message);
            }
        }
    }
}
