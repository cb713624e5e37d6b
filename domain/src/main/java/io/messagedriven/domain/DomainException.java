package io.messagedriven.domain;

/**
 * Base of every error that rejects a request because of what was asked, not because of
 * infrastructure. Catch it to turn any rejected input into a client error; nothing has been
 * written when one is thrown.
 */
public abstract class DomainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected DomainException(String message) {
    super(message);
  }

  protected DomainException(String message, Throwable cause) {
    super(message, cause);
  }
}
