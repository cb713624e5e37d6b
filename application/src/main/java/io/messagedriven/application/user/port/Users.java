package io.messagedriven.application.user.port;

import io.messagedriven.application.port.UnitOfWork;

/**
 * The sample's users, inside a transaction opened by the outbox's {@link
 * io.messagedriven.application.port.Transactions}: the way any aggregate of an application joins
 * the transaction its events are appended in.
 */
@FunctionalInterface
public interface Users {

  /** The users as seen from inside the transaction of {@code work}; use it only inside that work. */
  UserRepository in(UnitOfWork work);
}
