package dev.herald.api.record;

/**
 * A record is not what it claims to be: a field it must have is missing or malformed. The message
 * says which field and what was expected, in words a user can act on (it ends up in the
 * quarantine).
 */
public class RecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public RecordException(String message) {
        super(message);
    }

    public RecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
