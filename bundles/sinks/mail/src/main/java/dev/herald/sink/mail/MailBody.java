package dev.herald.sink.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.DeliveryException;
import dev.herald.api.sink.TemplateOutput;
import java.util.Optional;

/**
 * What the template rendered: one JSON object {@code {"subject": …, "text": …, "html": …}}, with at
 * least a subject and one of the two bodies.
 *
 * @param subject the subject, on one line
 * @param text    the plain-text alternative, if any
 * @param html    the HTML alternative, if any
 */
record MailBody(String subject, Optional<String> text, Optional<String> html) {
    private static final TemplateOutput OUTPUT = new TemplateOutput("mail", "a mail"
            + " {\"subject\": ..., \"text\": ..., \"html\": ...}");

    /** Parses the rendered body; a body the sink cannot mail is a permanent failure (the template is wrong). */
    static MailBody parse(String rendered) throws DeliveryException {
        ObjectNode root = OUTPUT.object(rendered);
        Optional<String> subject = field(root, "subject");
        if (subject.isEmpty()) {
            throw OUTPUT.invalid("it has no \"subject\"");
        }
        Optional<String> text = field(root, "text");
        Optional<String> html = field(root, "html");
        if (text.isEmpty() && html.isEmpty()) {
            throw OUTPUT.invalid("it has neither \"text\" nor \"html\"");
        }
        // a line break in a header value would start a new header: the subject is one line
        return new MailBody(subject.get().replaceAll("\\s*\\R\\s*", " ").trim(), text, html);
    }

    private static Optional<String> field(JsonNode root, String name) {
        JsonNode node = root.path(name);
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
