package dev.herald.sink.syslog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** How messages are delimited on a TCP or TLS stream (RFC 6587). */
enum Framing {
    /** {@code <length> SP <message>}: any byte may appear in the message. Required by RFC 5425 (TLS). */
    OCTET_COUNTING {
        @Override
        void append(byte[] message, ByteArrayOutputStream out) {
            out.writeBytes((message.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(message);
        }
    },
    /** {@code <message> LF}: the message must not contain a line break. */
    LF {
        @Override
        void append(byte[] message, ByteArrayOutputStream out) {
            out.writeBytes(message);
            out.write('\n');
        }
    };

    abstract void append(byte[] message, ByteArrayOutputStream out);
}
