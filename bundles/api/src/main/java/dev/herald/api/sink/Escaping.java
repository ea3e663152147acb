package dev.herald.api.sink;

/** How the host escapes every template output for a sink's body ({@link TemplateEscape}). */
public enum Escaping {
    /** Inside JSON strings: quotes, backslashes and control characters. */
    JSON,
    /** As HTML text: {@code & < > " '}. */
    HTML,
    /** Not at all: the template escapes with filters (e.g. a syslog format's). */
    NONE
}
