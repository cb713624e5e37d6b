package io.messagedriven.application.port;

/**
 * The outbox's storage failed: the database is down or unreachable, refused the connection
 * (unknown database, unknown role, wrong password), lost it mid-transaction, or the store was
 * closed. Not the caller's input: the message says what failed, and retrying later may succeed.
 * Work that throws this was rolled back, unless it is a {@link CommitOutcomeUnknownException}.
 * Events already committed stay pending and are published once the database is back.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
