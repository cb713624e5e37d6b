package io.messagedriven.application.user;

import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.domain.user.DuplicateEmailException;

import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.user.port.Users;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.user.User;
import java.time.Clock;
import java.util.Objects;

/**
 * Creates a user of a tenant and appends its {@code User.created} event to the outbox, in one
 * transaction: both are written or neither is.
 *
 * <p>Rejects, with nothing written: an unknown tenant ({@link UnknownTenantException}), an email
 * already used in the tenant ignoring case ({@link DuplicateEmailException}, also when a
 * concurrent request wins the race), and invalid values, which the {@link CreateUserCommand}
 * refuses before any transaction starts.
 */
public final class CreateUser {
  private final Transactions transactions;
  private final Users users;
  private final Clock clock;

  /**
   * @param transactions the outbox's transaction boundary (such as {@code store.transactions()})
   * @param users the users inside those transactions (such as {@code new PostgresUsers()})
   * @param clock the time of creation
   */
  public CreateUser(Transactions transactions, Users users, Clock clock) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.users = Objects.requireNonNull(users, "users");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates the user; returns it as stored. */
  public User handle(CreateUserCommand command) {
    Objects.requireNonNull(command, "command");
    return transactions.inTenant(
        command.tenantId(),
        tx -> {
          User.Created created = User.create(command.tenantId(), command.email(), command.name(), clock);
          Event event = command.correlation()
              .map(id -> created.event().withHeader(Event.CORRELATION_ID, id))
              .orElse(created.event());
          users.in(tx).add(created.user()); // refuses an unknown tenant and a taken email, atomically
          tx.outbox().append(event);
          return created.user();
        });
  }
}
