package dev.herald.sink.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.SinkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.event.EventRecodingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

class LogSinkTest {
    /** What slf4j received, through its own recording logger. */
    private final Queue<SubstituteLoggingEvent> logged = new ConcurrentLinkedQueue<>();
    private final List<String> loggerNames = new ArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private LogSink sink(Object... keyValues) {
        Map<String, Object> properties = new HashMap<>(Map.of("name", "console"));
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        LogSink.Config config = SinkConfig.of(LogSink.Config.class, properties).get();
        return new LogSink(config, this::recordingLogger, new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    private Logger recordingLogger(String name) {
        loggerNames.add(name);
        return new EventRecodingLogger(new SubstituteLogger(name, logged, false), logged);
    }

    private static Notification notification(String body) {
        Event event = Event.builder().id("ev-1").source("pce").instance("pce-prod").type("user.login_failed").build();
        return new Notification(event, "auth-failures", "console", Severity.MEDIUM, body, 1, "k-1");
    }

    @ParameterizedTest
    @CsvSource({"info, INFO", "warn, WARN", "error, ERROR", "' Warn ', WARN"})
    void writesTheBodyAtTheConfiguredLevelToTheSinksLogger(String level, Level expected) {
        sink("level", level).send(notification("MEDIUM pce user.login_failed by=alice"));
        assertEquals(List.of("herald.sink.console"), loggerNames);
        SubstituteLoggingEvent event = logged.remove();
        assertEquals(expected, event.getLevel());
        assertEquals("herald.sink.console", event.getLoggerName());
        assertEquals("MEDIUM pce user.login_failed by=alice", event.getMessage());
        assertEquals(0, logged.size());
        assertEquals("", stdout.toString(StandardCharsets.UTF_8), "stdout is off by default");
    }

    @Test
    void theDefaultLevelIsInfo() {
        sink().send(notification("x"));
        assertEquals(Level.INFO, logged.remove().getLevel());
    }

    @Test
    void stdoutAlsoPrintsTheLine() {
        sink("stdout", "true").send(notification("one line {} with braces"));
        assertEquals("one line {} with braces" + System.lineSeparator(), stdout.toString(StandardCharsets.UTF_8));
        assertEquals("one line {} with braces", logged.remove().getMessage());
    }

    @Test
    void eventContentCannotForgeLinesOrDriveTheTerminal() {
        sink("stdout", "true").send(notification("\nuser=x\r\n2026-11-23 INFO forged\u001b[2J\ttab\n\n"));
        String expected = "user=x\\n2026-11-23 INFO forged\\u001b[2J\ttab";
        assertEquals(expected, logged.remove().getMessage());
        assertEquals(expected + System.lineSeparator(), stdout.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"debug", "fatal", ""})
    void anUnknownLevelIsRejectedClearly(String level) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink("level", level));
        assertEquals("log sink 'console': level '" + level + "' is not supported: use info, warn or error", e.getMessage());
    }

    @Test
    void aNameIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink("name", " "));
        assertEquals("log sink: name is required: routes refer to the sink by it", e.getMessage());
    }
}
