package dev.herald.sink.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Event content in a Data Center description is plain text. The wiki markup is read here as
 * Jira's renderer reads it (atlassian-renderer): a backslash escapes the next character only when
 * that character is one it knows ({@code ! # % ( ) * + - ? @ [ ] ^ _ { | } ~}) and the backslash is
 * not itself after a backslash; {@code \\} is a line break; character entities are shown as the
 * character they name.
 */
class WikiTextTest {
    /** The characters the renderer lets a backslash escape: each one starts markup somewhere. */
    private static final String ESCAPABLE = "!#%()*+-?@[]^_{|}~";
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|amp|lt|gt|quot);");
    private static final Pattern BLOCK = Pattern.compile("(?m)^\\s*(h[1-6]|bq)\\.");

    @ParameterizedTest
    @ValueSource(strings = {
        "[x|https://evil]",
        "a\\[x|https://evil]",
        "a\\\\[x|https://evil] b\\\\\\[y|https://evil]",
        "{code}x{code} {noformat}y{noformat} {html}<script>alert(1)</script>{html}",
        "!image.png! !https://evil.example/track.png|width=1!",
        "[~user] [~accountid:5b10a2844c20165700ede21g] @here",
        "*bold* _it_ -strike- +under+ ^sup^ ~sub~ ??cite?? {{mono}}",
        "{color:red}red{color} {panel}p{panel} {anchor:a}",
        "h1. Heading\nbq. quote\n  h3. indented",
        "* item\n# item\n- item\n----\n||a||b||\n|c|d|",
        "line\\\\break \\ back\\slash at the end \\",
        "&#91;x|https://evil&#93; &amp; & &lt; (y) :) (/) 100%"})
    void eventContentIsPlainTextInWikiMarkup(String text) {
        String wiki = WikiText.of(text, "");
        assertEquals(List.of(), unescapedMarkup(wiki), wiki);
        assertEquals(text, shown(wiki), wiki);
    }

    /**
     * A URL stays as it was, so that Jira still turns it into a link (it shows its own target);
     * only what could end it and start markup ({@code [ ] { } | !} and the backslash) is escaped.
     */
    @org.junit.jupiter.api.Test
    void aUrlStaysALink() {
        String console = "https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/4dae_2063-8b5c+1%20(x)~y@z*";
        String wiki = WikiText.of("Console: " + console + "\n(see *above*)", "");
        assertTrue(wiki.startsWith("Console: " + console + "\n\\(see \\*above\\*\\)"), wiki);
        String hostile = "https://a.example/[x|https://evil]{code}!x.png!\\[y|https://evil]";
        wiki = WikiText.of(hostile, "");
        assertEquals(hostile, shown(wiki), wiki);
        assertTrue(wiki.startsWith("https://a.example/\\[x\\|https://evil\\]\\{code\\}\\!x.png\\!&#92;\\[y"), wiki);
    }

    /**
     * Where the wiki holds markup: a markup character no backslash escapes, a backslash that
     * escapes nothing (two are a line break), a heading or a quote. An entity is one character;
     * {@code #} is markup at the start of a line only (a numbered list).
     */
    private static List<String> unescapedMarkup(String wiki) {
        List<String> markup = new ArrayList<>();
        for (int i = 0; i < wiki.length(); i++) {
            char c = wiki.charAt(i);
            Matcher entity = ENTITY.matcher(wiki).region(i, wiki.length());
            if (c == '&' && entity.lookingAt()) {
                i = entity.end() - 1;
            } else if (c == '\\') {
                if (i + 1 < wiki.length() && ESCAPABLE.indexOf(wiki.charAt(i + 1)) >= 0) {
                    i++;
                } else {
                    markup.add("a backslash that escapes nothing at " + i);
                }
            } else if (ESCAPABLE.indexOf(c) >= 0 && (c != '#' || wiki.substring(0, i).matches("(?s)(.*\n)?[ \t]*"))) {
                markup.add(c + " at " + i);
            }
        }
        Matcher block = BLOCK.matcher(wiki);
        while (block.find()) {
            markup.add(block.group(1) + ". at " + block.start());
        }
        return markup;
    }

    /** The text Jira shows for wiki markup that holds none (escapes and entities resolved). */
    private static String shown(String wiki) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < wiki.length(); i++) {
            char c = wiki.charAt(i);
            Matcher entity = ENTITY.matcher(wiki).region(i, wiki.length());
            if (c == '\\' && i + 1 < wiki.length()) {
                out.append(wiki.charAt(++i));
            } else if (c == '&' && entity.lookingAt()) {
                String name = entity.group(1);
                out.append(switch (name) {
                    case "amp" -> '&';
                    case "lt" -> '<';
                    case "gt" -> '>';
                    case "quot" -> '"';
                    default -> (char) Integer.parseInt(name.substring(1));
                });
                i = entity.end() - 1;
            } else {
                out.append(c);
            }
        }
        assertTrue(out.indexOf("\u0000") < 0);
        return out.toString();
    }
}
