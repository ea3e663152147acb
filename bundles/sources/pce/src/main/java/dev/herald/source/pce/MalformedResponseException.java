package dev.herald.source.pce;

/** The PCE answered 2xx with a body that is not what its API documents. */
final class MalformedResponseException extends Exception {
    MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
