package io.messagedriven.jdbi.user;

import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.application.user.port.UserRepository;
import io.messagedriven.application.user.port.Users;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.internal.JdbiTransactions;

/**
 * The seed's sample users on PostgreSQL, in a transaction of a {@link PostgresStore}: built the
 * way a team builds a repository of its own, on the unit of work's Jdbi handle (as {@link
 * PostgresStore#handle} gives it).
 *
 * <pre>{@code
 * PostgresStore store = PostgresStore.builder().jdbcUrl(url).changelog(PostgresUsers.CHANGELOG).build();
 * CreateUser createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
 * }</pre>
 */
public final class PostgresUsers implements Users {
  /** The changelog of the {@code users} table, for {@link PostgresStore.Builder#changelog}. */
  public static final String CHANGELOG = "io/messagedriven/jdbi/user/changelog.xml";

  @Override
  public UserRepository in(UnitOfWork work) {
    // The library's own statements leave nothing on the session, so they skip the reset that a
    // unit of work gets once PostgresStore.handle(work) handed its connection to code of yours.
    return new JdbiUserRepository(JdbiTransactions.libraryHandleOf(work));
  }
}
