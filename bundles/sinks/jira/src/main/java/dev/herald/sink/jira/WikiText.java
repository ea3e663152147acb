package dev.herald.sink.jira;

/**
 * Plain text as a Jira wiki markup string (Data Center, REST v2). The text is plain, as for Cloud:
 * the characters that start macros, links and images ({@code { [ !}) are escaped, so event
 * content cannot open a {@code {html}} macro or load a remote image. The details go in a {@code
 * {code:json}} block, where markup is not interpreted, with any {@code {code}} inside them broken
 * so they cannot close the block early.
 */
final class WikiText {
    private WikiText() {
    }

    static String of(String text, String details) {
        String body = String.join("\n\n", PlainText.paragraphs(text)).replaceAll("([{\\[!])", "\\\\$1");
        if (details.isBlank()) {
            return body;
        }
        String code = "{code:json}\n" + details.replace("{code", "{ code") + "\n{code}";
        return body.isEmpty() ? code : body + "\n\n" + code;
    }
}
