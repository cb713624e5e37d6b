package io.messagedriven.application.user;

import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.events.EventQueries;
import io.messagedriven.application.internal.Args;
import io.messagedriven.application.internal.Cursors;
import io.messagedriven.application.internal.TenantReads;
import io.messagedriven.domain.UnknownTenantException;

import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.user.port.UserRepository;
import io.messagedriven.application.user.port.Users;
import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import io.messagedriven.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the users of a tenant: by id, by email ignoring case, all of them page by page, and the
 * history of a user's events.
 *
 * <p>Every call names its tenant and runs in a transaction scoped to it, so PostgreSQL's
 * row-level security shows that tenant's rows only: a user of another tenant is simply not found.
 * A tenant that does not exist is an {@link UnknownTenantException} rather than an empty result; a
 * missing or malformed argument (a null tenant, an invalid email, a limit out of range, a cursor
 * that no page returned) is an {@link io.messagedriven.domain.InvalidValueException} naming it.
 *
 * <pre>{@code
 * UserQueries users = new UserQueries(store.transactions(), new PostgresUsers());
 * Optional<User> ada = users.findByEmail(tenant, "ADA@example.com");
 * Page<User> page = users.list(tenant, PageRequest.first(100));
 * while (page.hasNext()) {
 *   page = users.list(tenant, PageRequest.after(page.nextCursor(), 100));
 * }
 * }</pre>
 */
public final class UserQueries {
  private final Transactions transactions;
  private final Users users;
  private final EventQueries events;

  public UserQueries(Transactions transactions, Users users) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.users = Objects.requireNonNull(users, "users");
    this.events = new EventQueries(transactions);
  }

  /** The user with this id in the tenant, if any. */
  public Optional<User> findById(TenantId tenant, UserId id) {
    Args.required("tenantId", tenant);
    Args.required("userId", id);
    return TenantReads.read(transactions, tenant, tx -> users.in(tx).findById(tenant, id), Optional::isEmpty);
  }

  /** The user with this address in the tenant, ignoring case, if any. */
  public Optional<User> findByEmail(TenantId tenant, Email email) {
    Args.required("tenantId", tenant);
    Args.required("email", email);
    return TenantReads.read(transactions, tenant, tx -> users.in(tx).findByEmail(tenant, email), Optional::isEmpty);
  }

  /**
   * The user with this address in the tenant, ignoring case, if any; {@code email} is validated
   * as {@link Email#of} does.
   */
  public Optional<User> findByEmail(TenantId tenant, String email) {
    Args.required("tenantId", tenant);
    return findByEmail(tenant, Email.of(email));
  }

  /** One page of the tenant's users, in the order they were created. */
  public Page<User> list(TenantId tenant, PageRequest page) {
    Args.required("tenantId", tenant);
    Args.required("page", page);
    UserRepository.After after = page.cursor().map(UserCursors::parse).orElse(null);
    List<User> found = TenantReads.read(transactions, tenant,
        tx -> users.in(tx).list(tenant, after, page.limit() + 1), List::isEmpty);
    if (found.size() <= page.limit()) {
      return new Page<>(found, null);
    }
    List<User> items = found.subList(0, page.limit());
    User last = items.get(items.size() - 1);
    return new Page<>(items, UserCursors.of(new UserRepository.After(last.createdAt(), last.id())));
  }

  /**
   * One page of the user's events ({@code User.created} and any later ones), oldest first, each
   * with its status in the outbox.
   */
  public Page<EventRecord> history(TenantId tenant, UserId user, PageRequest page) {
    Args.required("userId", user);
    return events.history(tenant, User.AGGREGATE_TYPE, user.toString(), page);
  }
}
