package dev.herald.core.template;

import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A template that prints the event's record ({@code {{ raw }}}) without escaping and nothing
 * else but comments and white space, as the syslog sink's {@code json} format does. Its body is
 * the record between a fixed prefix and suffix, so the renderer gives it without building the
 * template context or running Pebble: a sink draining its outbox renders every message it sends,
 * and for these templates Pebble's machinery was most of that work. What Pebble would write
 * around the record (white space it keeps, a newline it does not trim) is found once, by
 * rendering the template with a marker for the record.
 */
final class RecordOnlyTemplate {
    /** Comments and white space, one print of {@code raw} (whitespace control allowed), comments and white space. */
    private static final Pattern RECORD_ONLY = Pattern.compile(
            "(?:\\s*\\{#.*?#})*\\s*\\{\\{-?\\s*raw\\s*-?}}(?:\\s*\\{#.*?#})*\\s*", Pattern.DOTALL);
    private static final String MARKER = "\u0000herald-record\u0000";

    private final String prefix;
    private final String suffix;

    private RecordOnlyTemplate(String prefix, String suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /**
     * The record-only form of a compiled template, or null when its text does more than print the
     * record, prints it escaped ({@code escape} other than none), or writes more around it than a
     * body may hold beside the record ({@link TemplateRenderer#BASE_BODY_CHARS}: Pebble then stops
     * it with the body limit's error).
     */
    static RecordOnlyTemplate of(String text, PebbleTemplate compiled, Escape escape) throws IOException {
        if (escape != Escape.NONE || !RECORD_ONLY.matcher(text).matches()) {
            return null;
        }
        StringWriter out = new StringWriter();
        compiled.evaluate(out, Map.of("raw", MARKER));
        String body = out.toString();
        int at = body.indexOf(MARKER);
        boolean once = at >= 0 && body.indexOf(MARKER, at + 1) < 0;
        if (!once || body.length() - MARKER.length() > TemplateRenderer.BASE_BODY_CHARS) {
            return null;
        }
        return new RecordOnlyTemplate(body.substring(0, at), body.substring(at + MARKER.length()));
    }

    /** The body for a record: what Pebble writes for it, byte for byte. */
    String body(String record) {
        if (prefix.isEmpty() && suffix.isEmpty()) {
            return record;
        }
        return prefix + record + suffix;
    }
}
