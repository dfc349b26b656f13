package dev.countd.core.storage;

/**
 * The counter store could not take a change (its journal could not be written, or is closed for shutdown): the
 * change was not applied, and the caller may retry. The API answers 503 {@code storage-unavailable}.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
