package io.messagedriven.application.port;

/**
 * The outbox's storage failed: the database is down or unreachable, refused the connection, or
 * lost it mid-transaction. Not the caller's input: retrying later may succeed. Events already
 * appended stay pending; an append that throws this was not committed (unless {@link
 * #commitOutcomeUnknown()}).
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean commitOutcomeUnknown;

  public StoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public StoreException(String message, Throwable cause, boolean commitOutcomeUnknown) {
    super(message, cause);
    this.commitOutcomeUnknown = commitOutcomeUnknown;
  }

  /** Whether the connection was lost during commit, so the work may or may not have committed. */
  public boolean commitOutcomeUnknown() {
    return commitOutcomeUnknown;
  }
}
