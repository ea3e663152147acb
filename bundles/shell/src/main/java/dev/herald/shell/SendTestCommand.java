package dev.herald.shell;

import dev.herald.api.Event;
import dev.herald.api.admin.SendResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * {@code herald:send-test <sink>}: renders a test event with the sink's template, sends it at
 * once (outside the outbox) and prints the sink's verdict.
 */
@Command(scope = "herald", name = "send-test", description = "Sends a test event through one sink and prints its verdict")
@Service
public class SendTestCommand extends RecordReadingCommand {

    @Argument(index = 0, name = "sink", required = true, description = "The sink to send through")
    @Completion(SinkNameCompleter.class)
    String sink;

    @Option(name = "--event", description = "Send the first event of this JSON, JSON Lines or CloudTrail file"
            + " instead of Herald's built-in test event")
    @Completion(FileCompleter.class)
    String eventFile;

    @Reference
    Session session;

    @Override
    void run(PrintStream out) throws IOException {
        requireSink(sink);
        Event event = eventFile == null ? null : firstEvent();
        SendResult result = admin.sendTest(sink, event);
        out.println("sink " + sink + ": " + verdict(result) + (result.message() == null ? "" : ": " + result.message()));
        out.println();
        out.println("body:");
        out.println(Text.orDash(result.body()));
    }

    private static String verdict(SendResult result) {
        if (result.delivered()) {
            return "delivered";
        }
        return result.retryable() ? "retryable failure" : "permanent failure";
    }

    private Event firstEvent() throws IOException {
        Path path = EventFile.resolve(session, eventFile);
        List<Event> events = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        EventFile.read(path, "send-test", kinds, event -> {
            if (events.isEmpty()) {
                events.add(event);
            }
        }, (where, why) -> unreadable.add(where + ": " + why));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no event in " + path.getFileName()
                    + (unreadable.isEmpty() ? "" : "; " + String.join("; ", unreadable)));
        }
        return events.get(0);
    }
}
