package io.messagedriven.jdbi;

import io.messagedriven.application.operations.port.OperationsPort;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.OutboxSignals;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.jdbi.internal.JdbiStore;
import io.messagedriven.jdbi.internal.JdbiTransactions;
import io.messagedriven.jdbi.internal.SchemaName;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * message-driven's outbox on PostgreSQL: tenants and events in a schema of their own ({@value
 * #DEFAULT_SCHEMA} by default), through Jdbi on a HikariCP pool or on your own data source.
 *
 * <p>Append events in your own transaction, on your connection or Jdbi handle:
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.builder().dataSource(yourPool).build()) {
 *   try (Connection connection = yourPool.getConnection()) {
 *     connection.setAutoCommit(false);
 *     // ... your own statements ...
 *     store.append(connection, Event.raise("Order", orderId, "Order.placed", json, Instant.now()));
 *     connection.commit();            // the event commits with your change, or not at all
 *   }
 * }
 * }</pre>
 *
 * <p>Or let the store open the transaction ({@link #transactions()}), and run your own SQL in it
 * through {@link #handle} or {@link #connection}.
 */
public final class PostgresStore implements AutoCloseable {
  /** The schema of the library's objects unless {@link Builder#schema} names another. */
  public static final String DEFAULT_SCHEMA = SchemaName.DEFAULT;

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
   * Transactions that join the one open on {@code connection}, which the caller began and will
   * commit or roll back: hand them to a use case ({@code new CreateUser(store.joining(connection),
   * ...)}) to run it inside the caller's transaction. Each piece of work runs under a savepoint,
   * scoped to its tenant for the library's statements only; afterwards the connection has the
   * role, settings and search path it had before. Work that throws is rolled back to its
   * savepoint, so the caller's transaction holds nothing of it and can go on. Nothing is
   * committed, rolled back or closed. Publishers hear of the appended events at the caller's
   * commit ({@code LISTEN/NOTIFY}), never before it and never after a rollback.
   *
   * @throws io.messagedriven.application.port.NoTransactionException (when work is run) if the
   *     connection is in autocommit mode
   */
  public Transactions joining(Connection connection) {
    return store.joining(Objects.requireNonNull(connection, "connection"));
  }

  /**
   * Transactions that join the one open on a Jdbi {@code handle} of yours (inside {@code
   * jdbi.inTransaction(...)} or after {@code handle.begin()}), as {@link #joining(Connection)}
   * does. Publishers in this JVM are also woken directly after the handle commits.
   */
  public Transactions joining(Handle handle) {
    return store.joining(Objects.requireNonNull(handle, "handle"));
  }

  /**
   * Appends events in the transaction open on {@code connection}: they commit with the caller's
   * change, or not at all. Events of several tenants may be mixed; each is written scoped to its
   * own tenant ({@link io.messagedriven.domain.TenantId#DEFAULT} for a service without tenants).
   *
   * @throws io.messagedriven.application.port.NoTransactionException if the connection is in
   *     autocommit mode: nothing is written
   * @throws io.messagedriven.domain.UnknownTenantException if an event's tenant does not exist
   * @throws io.messagedriven.domain.DuplicateEventException if an event with that id was appended
   *     before
   */
  public void append(Connection connection, Collection<Event> events) {
    appendIn(joining(connection), events);
  }

  /** Appends one event in the transaction open on {@code connection}; see {@link #append(Connection, Collection)}. */
  public void append(Connection connection, Event event) {
    append(connection, List.of(event));
  }

  /** Appends events in the transaction open on a Jdbi {@code handle}; see {@link #append(Connection, Collection)}. */
  public void append(Handle handle, Collection<Event> events) {
    appendIn(joining(handle), events);
  }

  /** Appends one event in the transaction open on a Jdbi {@code handle}. */
  public void append(Handle handle, Event event) {
    append(handle, List.of(event));
  }

  private static void appendIn(Transactions joined, Collection<Event> events) {
    Objects.requireNonNull(events, "events");
    Map<TenantId, List<Event>> byTenant = new LinkedHashMap<>();
    for (Event event : events) {
      byTenant.computeIfAbsent(Objects.requireNonNull(event, "event").tenantId(), t -> new ArrayList<>()).add(event);
    }
    byTenant.forEach((tenant, ofTenant) -> joined.inTenant(tenant, tx -> {
      tx.outbox().append(ofTenant);
      return null;
    }));
  }

  /** The schema the store's tables live in. */
  public String schema() {
    return store.schema();
  }

  /**
   * The outbox for publishers: each call is a short transaction of its own, across tenants. It
   * claims and acknowledges; it does not append (that is done in the transaction of the change). This
   * is the one path that crosses tenants; it runs as the connecting role, which must bypass
   * row-level security or be a member of {@link Migrations#PUBLISHER_ROLE}.
   *
   * @throws IllegalStateException if the connecting role would see no tenant's events
   */
  public OutboxPort outbox() {
    return store.outbox();
  }

  /**
   * What operators read and change, across tenants: counts per status and lag, throughput,
   * failures grouped by cause, aggregates held back, events by filter, requeue and delete in
   * bulk, paused tenants and publishers seen. Wrap it in {@code new
   * io.messagedriven.application.operations.Operations(store.operations())}, which checks the
   * arguments. Like {@link #outbox()} it runs on the publishers' pool as the connecting role, which
   * must bypass row-level security or be a member of {@link Migrations#PUBLISHER_ROLE}.
   *
   * @throws IllegalStateException if the connecting role would see no tenant's events
   */
  public OperationsPort operations() {
    return store.operations();
  }

  /**
   * The JDBC connection of a unit of work that {@link #transactions()} opened, to run your own
   * SQL in the same transaction, bound by the same tenant scope. Use it only inside the work
   * function; do not commit, roll back or close it. Inside the transaction the connection runs as
   * {@link Migrations#TENANT_ROLE} (when the connecting role may switch to it): grant that role
   * privileges on your own tables to use them here. Whatever your SQL leaves on the session
   * (settings, {@code SET ROLE}, temporary tables, prepared statements) is reset with {@code
   * DISCARD ALL} before the connection goes back to the pool.
   *
   * @throws IllegalArgumentException if {@code work} does not come from a {@code PostgresStore}
   */
  public static Connection connection(UnitOfWork work) {
    return JdbiTransactions.connectionOf(work);
  }

  /**
   * The Jdbi handle of a unit of work that {@link #transactions()} or {@link #joining} opened, so
   * your own repositories join the same transaction: {@code
   * PostgresStore.handle(tx).attach(OrderDao.class)}. The same rules as for {@link #connection}
   * hold: use it only inside the work function, and never commit, roll back, begin or close it.
   * It has the store's Jdbi configuration, with {@code <schema>} defined as the store's schema.
   *
   * @throws IllegalArgumentException if {@code work} does not come from a {@code PostgresStore}
   */
  public static Handle handle(UnitOfWork work) {
    return JdbiTransactions.handleOf(work);
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
    private int publisherPoolSize = 4;
    private boolean migrate = true;
    private boolean failedEventsHoldAggregate;
    private String schema = SchemaName.DEFAULT;
    private final List<String> changelogs = new ArrayList<>();

    private Builder() {}

    /**
     * The schema every table, index, function, trigger and policy of the library lives in, and
     * every statement it runs names. Default: {@value PostgresStore#DEFAULT_SCHEMA}. A lower-case
     * identifier (letters, digits, {@code _}), not {@code public} nor {@code pg_*}. If you run the
     * changelog yourself, pass the same name as its parameter {@code message_driven_schema}.
     */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /**
     * A Liquibase changelog on the classpath to run after the library's, with the same schema
     * parameter, when {@link #migrate} is on; such as {@code PostgresUsers.CHANGELOG} of the
     * sample. May be called more than once. Default: none.
     */
    public Builder changelog(String changelog) {
      if (changelog == null || changelog.isBlank()) {
        throw new IllegalArgumentException("changelog must name a classpath resource, was " + changelog);
      }
      this.changelogs.add(changelog);
      return this;
    }

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

    /** Size of the pool the store creates for {@link #jdbcUrl}, for tenant work (the transactions). Default: 10; 1 to 1,000. */
    public Builder maximumPoolSize(int maximumPoolSize) {
      this.maximumPoolSize = maximumPoolSize;
      return this;
    }

    /**
     * Size of the second pool the store creates for {@link #jdbcUrl}, which only the publishers'
     * {@link PostgresStore#outbox() outbox} uses, so no connection that carried tenant work ever
     * serves a publisher. A publisher uses up to two (claim and acknowledge) and the retention
     * purge one. Default: 4; 1 to 100.
     */
    public Builder publisherPoolSize(int publisherPoolSize) {
      this.publisherPoolSize = publisherPoolSize;
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
     * Checks the settings, creates the pools and runs the migrations if asked.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     * @throws io.messagedriven.application.port.StoreException if the database cannot be reached
     *     or refuses the connection (unknown database or role, wrong password), or the migrations fail
     */
    public PostgresStore build() {
      if (dataSource == null) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
          throw new IllegalArgumentException("jdbcUrl is required unless a dataSource is given, was " + redacted(jdbcUrl));
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
          throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was " + redacted(jdbcUrl));
        }
        if (!JdbiStore.driverAccepts(jdbcUrl)) {
          throw new IllegalArgumentException("jdbcUrl is not a URL the PostgreSQL driver accepts (host, port, "
              + "database and parameters), was " + redacted(jdbcUrl));
        }
      } else if (jdbcUrl != null) {
        throw new IllegalArgumentException("give either jdbcUrl or dataSource, not both; jdbcUrl was " + redacted(jdbcUrl));
      }
      if (!SchemaName.isValid(schema)) {
        throw new IllegalArgumentException("schema must be a lower-case identifier (letters, digits, _), "
            + "not public nor pg_*, was " + schema);
      }
      if (maximumPoolSize < 1 || maximumPoolSize > 1_000) {
        throw new IllegalArgumentException("maximumPoolSize must be 1 to 1,000, was " + maximumPoolSize);
      }
      if (publisherPoolSize < 1 || publisherPoolSize > 100) {
        throw new IllegalArgumentException("publisherPoolSize must be 1 to 100, was " + publisherPoolSize);
      }
      return new PostgresStore(new JdbiStore(
          new JdbiStore.Settings(
              jdbcUrl, username, password, dataSource, maximumPoolSize, publisherPoolSize, migrate, failedEventsHoldAggregate,
              schema,
              List.copyOf(changelogs))));
    }

    private static String redacted(String url) {
      return JdbiStore.redacted(url);
    }

    @Override
    public String toString() {
      return "PostgresStore.Builder[jdbcUrl=" + redacted(jdbcUrl) + ", maximumPoolSize=" + maximumPoolSize
          + ", migrate=" + migrate + ", schema=" + schema + ", dataSource=" + Objects.toString(dataSource, "none") + "]";
    }
  }
}
