package io.messagedriven.jdbi.user;

import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.application.user.port.UserRepository;
import io.messagedriven.application.user.port.Users;
import io.messagedriven.jdbi.PostgresStore;

/**
 * The seed's sample users on PostgreSQL, in a transaction of a {@link PostgresStore}: built the
 * way a team builds a repository of its own, on the unit of work's Jdbi handle ({@link
 * PostgresStore#handle}).
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
    return new JdbiUserRepository(PostgresStore.handle(work));
  }
}
