package dev.herald.sink.log;

import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.sink.Escaping;
import dev.herald.api.sink.SinkSetup;
import dev.herald.api.sink.TemplateEscape;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each notification's rendered body as one line to the logger {@code herald.sink.<name>}
 * (so to {@code log:tail} and {@code data/log/karaf.log}), and optionally to the terminal that
 * runs {@code bin/karaf}. Line breaks and other control characters inside the body are written
 * escaped ({@code \n}, {@code \u001b}): event content must not forge log lines or drive the
 * terminal.
 */
@Component(service = Sink.class, configurationPid = LogSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.NONE)
@Designate(ocd = LogSink.Config.class, factory = true)
public final class LogSink implements Sink {
    static final String PID = "dev.herald.sink.log";

    @ObjectClassDefinition(name = "Herald sink: log",
            description = "Writes each notification as one line to the logger herald.sink.<name> (log:tail,"
                    + " data/log/karaf.log) and, optionally, to the terminal.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name; it also"
                + " names the logger, herald.sink.<name>.")
        String name();

        @AttributeDefinition(name = "Level", options = {@Option(label = "INFO", value = "info"),
                @Option(label = "WARN", value = "warn"), @Option(label = "ERROR", value = "error")})
        String level() default "info";

        @AttributeDefinition(name = "Also print to stdout", description = "Print each line to the JVM's"
                + " standard output too: handy with bin/karaf in a terminal.")
        boolean stdout() default false;

        String webconsole_configurationFactory_nameHint() default "Log {name} ({level})";
    }

    private final Logger logger;
    private final Level level;
    private final PrintStream terminal;

    @Activate
    public LogSink(Config config) {
        this(config, LoggerFactory::getLogger, System.out);
    }

    /** With the logger factory and standard output replaceable, for tests. */
    LogSink(Config config, Function<String, Logger> loggers, PrintStream stdout) {
        SinkSetup setup = SinkSetup.of("log", config.name(), 0);
        this.level = setup.check(() -> Level.of(config.level()));
        this.logger = loggers.apply("herald.sink." + setup.name());
        this.terminal = config.stdout() ? stdout : null;
    }

    @Override
    public void send(Notification notification) {
        String line = oneLine(notification.body());
        level.write.accept(logger, line);
        if (terminal != null) {
            terminal.println(line);
        }
    }

    /** The body trimmed, with inner line breaks as {@code \n} and other controls as {@code \}{@code uXXXX}. */
    static String oneLine(String body) {
        String trimmed = body.strip();
        StringBuilder line = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\r' && i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '\n') {
                continue; // CRLF is one line break
            }
            if (c == '\n' || c == '\r') {
                line.append("\\n");
            } else if (Character.isISOControl(c) && c != '\t') {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        return line.toString();
    }

    private enum Level {
        INFO(Logger::info), WARN(Logger::warn), ERROR(Logger::error);

        final BiConsumer<Logger, String> write;

        Level(BiConsumer<Logger, String> write) {
            this.write = write;
        }

        static Level of(String value) {
            String word = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
            for (Level level : values()) {
                if (level.name().equals(word)) {
                    return level;
                }
            }
            throw new IllegalArgumentException("level '" + value
                    + "' is not supported: use info, warn or error");
        }
    }
}
