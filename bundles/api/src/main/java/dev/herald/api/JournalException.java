package dev.herald.api;

/** The journal could not commit; nothing of the failed call was kept. */
public class JournalException extends Exception {
    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
