package dev.herald.core;

import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink for core's tests that answers from a script of outcomes, one per send (null or an
 * exhausted script: success), and records every notification it got and when.
 */
public final class ScriptedSink implements Sink {
    public final List<Notification> received = new CopyOnWriteArrayList<>();
    public final List<Long> times = new CopyOnWriteArrayList<>();
    private final List<DeliveryException> script;

    public ScriptedSink(DeliveryException... script) {
        this.script = new ArrayList<>(Arrays.asList(script));
    }

    @Override
    public void send(Notification n) throws DeliveryException {
        received.add(n);
        times.add(System.currentTimeMillis());
        DeliveryException next;
        synchronized (script) {
            next = script.isEmpty() ? null : script.remove(0);
        }
        if (next != null) {
            throw next;
        }
    }
}
