package io.messagedriven.application.port;

/**
 * The connection was lost while the transaction committed: it may have committed or not. Check
 * before doing the work again (an appended event's id, or the change it describes, tells), or do
 * it again if it is idempotent.
 */
public final class CommitOutcomeUnknownException extends StoreException {
  private static final long serialVersionUID = 1L;

  public CommitOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
