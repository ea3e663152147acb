package dev.herald.testkit.sink;

/** A template that Herald would not render: the message is the host's (template, line, what is wrong). */
public final class TemplateRenderingException extends Exception {
    private static final long serialVersionUID = 1L;

    TemplateRenderingException(String message, Throwable cause) {
        super(message, cause);
    }
}
