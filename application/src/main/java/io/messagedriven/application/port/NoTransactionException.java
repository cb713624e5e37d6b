package io.messagedriven.application.port;

/**
 * Work that must join a transaction found none open (a connection in autocommit mode, a handle
 * outside a transaction). The outbox never commits an append on its own: nothing was written.
 */
public final class NoTransactionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public NoTransactionException(String message) {
    super(message);
  }
}
