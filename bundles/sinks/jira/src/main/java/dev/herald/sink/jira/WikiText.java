package dev.herald.sink.jira;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text as a Jira wiki markup string (Data Center, REST v2). The text is plain, as for Cloud:
 * every character Jira's renderer gives a meaning and lets a backslash escape ({@code ! # % ( ) * +
 * - ? @ [ ] ^ _ { | } ~}: macros, links, mentions, images, emphasis, lists, tables, emoticons) is
 * escaped, so event content cannot open a {@code {html}} macro, forge a link or load a remote
 * image. A backslash cannot escape a backslash (two are a line break, and would leave the next
 * character live, as in {@code a\[x|https://evil]}), so it is written as the entity {@code &#92;},
 * and {@code &} as {@code &amp;} so that content is shown as it was; the renderer keeps entities.
 * Headings and quotes ({@code h1.}, {@code bq.} at the start of a line) lose their dot the same
 * way. The details go in a {@code {code:json}} block, where markup is not interpreted, with any
 * {@code {code}} inside them broken so they cannot close the block early.
 */
final class WikiText {
    private static final String ESCAPABLE = "!#%()*+-?@[]^_{|}~";
    /** In a URL only these can end it and start markup; the others stay, so that Jira still links it. */
    private static final String ESCAPABLE_IN_URL = "![]{|}";
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://\\S+");
    private static final Pattern BLOCK_PREFIX = Pattern.compile("(?m)^(\\s*)(h[1-6]|bq)\\.");
    private static final Pattern CODE_MACRO = Pattern.compile("(?i)\\{(code)");

    private WikiText() {
    }

    static String of(String text, String details) {
        String body = escaped(String.join("\n\n", PlainText.paragraphs(text)));
        if (details.isBlank()) {
            return body;
        }
        String code = "{code:json}\n" + CODE_MACRO.matcher(details).replaceAll("{ $1") + "\n{code}";
        return body.isEmpty() ? code : body + "\n\n" + code;
    }

    /**
     * {@code text} with nothing the renderer would read as markup. A URL keeps the characters it
     * needs ({@code - ? # % ( ) _ ~ + @ *}): Jira links it, showing its own target.
     */
    static String escaped(String text) {
        boolean[] inUrl = new boolean[text.length()];
        Matcher url = URL.matcher(text);
        while (url.find()) {
            Arrays.fill(inUrl, url.start(), url.end(), true);
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                b.append("&#92;");
            } else if (c == '&') {
                b.append("&amp;");
            } else {
                if ((inUrl[i] ? ESCAPABLE_IN_URL : ESCAPABLE).indexOf(c) >= 0) {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return BLOCK_PREFIX.matcher(b).replaceAll("$1$2&#46;");
    }
}
