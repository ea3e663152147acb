package dev.herald.sink.jira;

import dev.herald.api.text.Text;
import java.util.ArrayList;
import java.util.List;

/** Normalises template text before it becomes a Jira field. */
final class PlainText {
    private PlainText() {
    }

    /**
     * The text's paragraphs (split on blank lines), each trimmed of trailing spaces per line, with
     * line ends normalised to {@code \n} and other control characters removed (Jira rejects some).
     */
    static List<String> paragraphs(String text) {
        String clean = text.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ')
                .replaceAll("[\\p{Cntrl}&&[^\n]]", "");
        List<String> paragraphs = new ArrayList<>();
        for (String block : clean.split("\n\\s*\n")) {
            String b = block.replaceAll("[ ]+\n", "\n").strip();
            if (!b.isEmpty()) {
                paragraphs.add(b);
            }
        }
        return paragraphs;
    }

    /** One line of at most {@code max} characters (Jira's summary), ending with … when cut. */
    static String oneLine(String text, int max) {
        return Text.truncate(text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip(), max);
    }
}
