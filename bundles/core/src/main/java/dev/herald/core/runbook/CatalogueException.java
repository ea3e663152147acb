package dev.herald.core.runbook;

/** A catalogue file that cannot be used; the message names the file, the entry and the fix. */
final class CatalogueException extends Exception {
    CatalogueException(String message) {
        super(message);
    }
}
