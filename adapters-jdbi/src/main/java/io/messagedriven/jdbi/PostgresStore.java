package io.messagedriven.jdbi;

import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.OutboxSignals;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.jdbi.internal.JdbiStore;
import io.messagedriven.jdbi.internal.JdbiTransactions;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * message-driven's persistence on PostgreSQL: tenants, users and the outbox, through Jdbi on a
 * HikariCP pool.
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.builder()
 *     .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/app?user=app")
 *     .build()) {
 *   CreateUser createUser = new CreateUser(store.transactions(), Clock.systemUTC());
 *   ...
 * }
 * }</pre>
 */
public final class PostgresStore implements AutoCloseable {
  private final JdbiStore store;

  private PostgresStore(JdbiStore store) {
    this.store = store;
  }

  /** A builder with every setting at its default; a {@code jdbcUrl} or a {@code dataSource} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The transaction boundary for the use cases. A tenant-scoped transaction ({@link
   * Transactions#inTenant}) sees and writes that tenant's users and events only, and one with no
   * tenant ({@link Transactions#withoutTenant}) sees the tenant directory alone: PostgreSQL's
   * row-level security enforces it, also on SQL of your own run through {@link #connection}.
   */
  public Transactions transactions() {
    return store.transactions();
  }

  /**
   * The outbox for publishers: each call is a short transaction of its own, across tenants. This
   * is the one path that crosses tenants; it runs as the connecting role, which must bypass
   * row-level security or be a member of {@link Migrations#PUBLISHER_ROLE}.
   *
   * @throws IllegalStateException if the connecting role would see no tenant's events
   */
  public OutboxPort outbox() {
    return store.outbox();
  }

  /**
   * The JDBC connection of a unit of work that {@link #transactions()} opened, to run your own
   * SQL in the same transaction, bound by the same tenant scope. Use it only inside the work
   * function; do not commit, roll back or close it. Inside the transaction the connection runs as
   * {@link Migrations#TENANT_ROLE} (when the connecting role may switch to it): grant that role
   * privileges on your own tables to use them here.
   *
   * @throws IllegalArgumentException if {@code work} does not come from a {@code PostgresStore}
   */
  public static Connection connection(UnitOfWork work) {
    return JdbiTransactions.connectionOf(work);
  }

  /**
   * Wake-ups for idle publishers through {@code LISTEN/NOTIFY}. Each subscription holds one
   * connection of its own (outside the pool when the store owns it).
   */
  public OutboxSignals signals() {
    return store.signals();
  }

  /** Closes the pool this store created; a data source given to the builder is left open. */
  @Override
  public void close() {
    store.close();
  }

  /** Settings of a {@link PostgresStore}; {@link #build()} checks them. */
  public static final class Builder {
    private String jdbcUrl;
    private String username;
    private String password;
    private DataSource dataSource;
    private int maximumPoolSize = 10;
    private boolean migrate = true;
    private boolean failedEventsHoldAggregate;

    private Builder() {}

    /**
     * The database, as {@code jdbc:postgresql://host:port/database}. Required unless {@link
     * #dataSource} is given; the store then owns a HikariCP pool on it.
     */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /** User name for {@link #jdbcUrl}. Default: none (the URL's {@code user} parameter, if any). */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** Password for {@link #jdbcUrl}. Default: none. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Use your own pool instead of {@link #jdbcUrl}; the store does not close it. Default: none. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** Size of the pool the store creates for {@link #jdbcUrl}. Default: 10. */
    public Builder maximumPoolSize(int maximumPoolSize) {
      this.maximumPoolSize = maximumPoolSize;
      return this;
    }

    /**
     * Whether {@link #build()} runs the {@link Migrations}. Default: true. Set false when your own
     * Liquibase changelog includes {@link Migrations#CHANGELOG}.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * Whether an event that failed for good keeps holding back the later events of its
     * aggregate (until an operator requeues or removes it). Default: false, so only an event
     * that may still be retried holds its aggregate back.
     */
    public Builder failedEventsHoldAggregate(boolean hold) {
      this.failedEventsHoldAggregate = hold;
      return this;
    }

    /**
     * Checks the settings, creates the pool and runs the migrations if asked.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    public PostgresStore build() {
      if (dataSource == null) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
          throw new IllegalArgumentException("jdbcUrl is required unless a dataSource is given, was " + redacted(jdbcUrl));
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
          throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was " + redacted(jdbcUrl));
        }
      } else if (jdbcUrl != null) {
        throw new IllegalArgumentException("give either jdbcUrl or dataSource, not both; jdbcUrl was " + redacted(jdbcUrl));
      }
      if (maximumPoolSize < 1) {
        throw new IllegalArgumentException("maximumPoolSize must be at least 1, was " + maximumPoolSize);
      }
      return new PostgresStore(new JdbiStore(
          new JdbiStore.Settings(
              jdbcUrl, username, password, dataSource, maximumPoolSize, migrate, failedEventsHoldAggregate)));
    }

    /** The URL with any password parameter masked, for messages and logs. */
    private static String redacted(String url) {
      return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
      return "PostgresStore.Builder[jdbcUrl=" + redacted(jdbcUrl) + ", maximumPoolSize=" + maximumPoolSize
          + ", migrate=" + migrate + ", dataSource=" + Objects.toString(dataSource, "none") + "]";
    }
  }
}
