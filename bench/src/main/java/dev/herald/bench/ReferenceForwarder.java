package dev.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
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
 * <p>{@code java ReferenceForwarder <workload> <file.jsonl.gz> <port>} (receiver on loopback).
 */
public final class ReferenceForwarder {

    private ReferenceForwarder() {
    }

    public static void main(String[] args) throws Exception {
        Workload workload = Workload.valueOf(args[0]);
        Path file = Path.of(args[1]);
        String name = file.getFileName().toString();
        String timeField = workload == Workload.CLOUDTRAIL ? "eventTime" : "timestamp";
        String host = InetAddress.getLocalHost().getHostName();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                     new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[2]));
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
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
