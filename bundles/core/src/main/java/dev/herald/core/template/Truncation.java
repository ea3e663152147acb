package dev.herald.core.template;

import dev.herald.api.text.Text;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cutting text that may already be escaped with character entities ({@code &amp;}, {@code &#39;}). */
final class Truncation {
    private static final Pattern ENTITY = Pattern.compile("&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});");
    /** The longest entity {@link #ENTITY} matches. */
    private static final int ENTITY_MAX = 34;

    private Truncation() {
    }

    /**
     * At most {@code max} characters, as {@link Text#truncate}; when the cut would fall inside an
     * entity, it falls before it instead, so that the entity is dropped whole.
     */
    static String keepingEntities(String text, int max) {
        String cut = Text.truncate(text, max);
        if (cut.length() == text.length() && cut.equals(text)) {
            return text;
        }
        int end = cut.length() - 1;
        int amp = text.lastIndexOf('&', end - 1);
        if (amp >= 0 && end - amp < ENTITY_MAX) {
            Matcher m = ENTITY.matcher(text).region(amp, Math.min(text.length(), amp + ENTITY_MAX));
            if (m.lookingAt() && m.end() > end) {
                return text.substring(0, amp) + "…";
            }
        }
        return cut;
    }
}
