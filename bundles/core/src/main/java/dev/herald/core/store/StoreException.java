package dev.herald.core.store;

/** The store could not read or commit; a failed write kept nothing. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
