package dev.execray.scan.store;

/** The database cannot be used: not a file execray made, corrupt, or from a newer execray. */
public final class StoreException extends Exception {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
