package dev.herald.sink.syslog;

import java.io.IOException;

/** Carries syslog messages to the receiver. */
interface Transport extends AutoCloseable {

    /**
     * Sends the messages, in order, as one write where the transport allows it. A failure drops
     * the connection, so the next call opens a new one.
     */
    void send(Frames messages) throws IOException;

    /** Closes the connection for good (the sink is deactivated). */
    @Override
    void close();
}
