package dev.herald.core.template;

/** A template could not be read, compiled or rendered; the message names the template and line. */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
