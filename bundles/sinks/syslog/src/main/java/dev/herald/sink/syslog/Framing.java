package dev.herald.sink.syslog;

/** How messages are delimited on a TCP or TLS stream (RFC 6587). */
enum Framing {
    /** {@code <length> SP <message>}: any byte may appear in the message. Required by RFC 5425 (TLS). */
    OCTET_COUNTING {
        @Override
        void prefix(int messageLength, Bytes out) {
            out.appendDecimal(messageLength);
            out.append(' ');
        }

        @Override
        void suffix(Bytes out) {
        }
    },
    /** {@code <message> LF}: the message must not contain a line break. */
    LF {
        @Override
        void prefix(int messageLength, Bytes out) {
        }

        @Override
        void suffix(Bytes out) {
            out.append('\n');
        }
    };

    /** What goes before a message of {@code messageLength} bytes. */
    abstract void prefix(int messageLength, Bytes out);

    /** What goes after a message. */
    abstract void suffix(Bytes out);
}
