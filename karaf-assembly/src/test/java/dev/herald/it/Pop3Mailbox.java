package dev.herald.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads every message of a mailbox over POP3 (RFC 1939), leaving them on the server. */
final class Pop3Mailbox {
    private Pop3Mailbox() {
    }

    /** The raw RFC 5322 text of every message in the mailbox. */
    static List<String> messages(int port, String user, String password) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expectOk(in.readLine());
            command(out, in, "USER " + user);
            command(out, in, "PASS " + password);
            int count = Integer.parseInt(command(out, in, "STAT").split(" ")[1]);
            List<String> messages = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                command(out, in, "RETR " + i);
                StringBuilder message = new StringBuilder();
                for (String line = in.readLine(); !".".equals(line); line = in.readLine()) {
                    message.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                }
                messages.add(message.toString());
            }
            command(out, in, "QUIT");
            return messages;
        }
    }

    private static String command(OutputStream out, BufferedReader in, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return expectOk(in.readLine());
    }

    private static String expectOk(String line) throws IOException {
        if (line == null || !line.startsWith("+OK")) {
            throw new IOException("POP3 server answered " + line);
        }
        return line;
    }
}
