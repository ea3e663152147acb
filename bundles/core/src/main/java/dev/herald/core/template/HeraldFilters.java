package dev.herald.core.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.EscapingStrategy;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * Herald's Pebble filters: {@code json}, {@code tojson}, {@code html}, {@code mrkdwn},
 * {@code markdown} and {@code truncate(n)}; formats of one sink bring their own (the syslog sink's
 * CEF, LEEF and LogRhythm escaping, through {@link dev.herald.api.sink.TemplateFilters}). A filter whose escaping is the engine's own marks its
 * output safe, so that it is not escaped twice; the others leave the engine's escaping to follow.
 */
final class HeraldFilters extends AbstractExtension {
    static final EscapingStrategy JSON_STRING = s -> new String(JsonStringEncoder.getInstance().quoteAsString(s));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Escape escape;

    HeraldFilters(Escape escape) {
        this.escape = escape;
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.ofEntries(
                Map.entry("json", new Simple(s -> mark(JSON_STRING.escape(s), Escape.JSON))),
                Map.entry("html", new Simple(s -> mark(html(s), Escape.HTML))),
                Map.entry("mrkdwn", new Simple(HeraldFilters::mrkdwn)),
                Map.entry("markdown", new Simple(MarkdownText::escape)),
                Map.entry("tojson", new ToJson()),
                Map.entry("truncate", new Truncate()));
    }

    private Object mark(String escaped, Escape kind) {
        return escape == kind ? new SafeString(escaped) : escaped;
    }

    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Slack's rule: only &, < and > are control characters in mrkdwn text. */
    static String mrkdwn(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String text(Object input) {
        return input == null ? "" : input.toString();
    }

    /** A filter of one string. */
    private record Simple(java.util.function.Function<String, Object> f) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx,
                            int line) {
            return f.apply(text(input));
        }
    }

    /** Any value as a JSON literal, never escaped again. */
    private static final class ToJson implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx,
                            int line) {
            Object value = input instanceof SafeString ? input.toString() : input;
            try {
                return new SafeString(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("tojson cannot write a " + value.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * Cuts text to at most {@code length} characters, ending with … when cut. The cut never
     * splits a character entity ({@code &amp;}) or a surrogate pair, so text can be cut after it
     * is escaped, which is what keeps it within a vendor's limit.
     */
    private static final class Truncate implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("length");
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx,
                            int line) {
            String s = text(input);
            Object n = args.get("length");
            int max = n instanceof Number num ? num.intValue() : 255;
            return Truncation.keepingEntities(s, max);
        }
    }
}
