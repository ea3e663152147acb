package dev.herald.sink.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plain text as an Atlassian Document Format document (Jira Cloud, REST v3): one paragraph per
 * block of text separated by blank lines, a hard break for each single line break, and the details
 * as a code block. Text goes into text nodes only, so nothing in an event is ever interpreted as
 * markup.
 */
final class AdfDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AdfDocument() {
    }

    static ObjectNode of(String text, String details) {
        ObjectNode doc = NODES.objectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (String block : PlainText.paragraphs(text)) {
            ObjectNode paragraph = content.addObject().put("type", "paragraph");
            ArrayNode inline = paragraph.putArray("content");
            String[] lines = block.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    inline.addObject().put("type", "hardBreak");
                }
                if (!lines[i].isEmpty()) {
                    inline.addObject().put("type", "text").put("text", lines[i]);
                }
            }
        }
        if (!details.isBlank()) {
            ObjectNode code = content.addObject().put("type", "codeBlock");
            code.putObject("attrs").put("language", "json");
            code.putArray("content").addObject().put("type", "text").put("text", details);
        }
        if (content.isEmpty()) {
            // ADF needs at least one block for Jira to show the field; an empty paragraph is valid
            content.addObject().put("type", "paragraph").putArray("content");
        }
        return doc;
    }
}
