package io.messagedriven.jdbi.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.OutboxSignals;
import io.messagedriven.application.port.Transactions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The parts behind {@code PostgresStore}: the pool, Jdbi, and the ports built on them. */
public final class JdbiStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JdbiStore.class);

  /** Checked settings from the builder. */
  public record Settings(
      String jdbcUrl,
      String username,
      String password,
      DataSource dataSource,
      int maximumPoolSize,
      boolean migrate,
      boolean failedEventsHoldAggregate,
      String schema,
      List<String> changelogs) {}

  private final HikariDataSource ownedPool;
  private final Jdbi jdbi;
  private final Transactions transactions;
  private final OutboxPort outbox;
  private final OutboxSignals signals;
  private final TenantAccess access;
  private final TenantScope scope;
  private final EventWriter writer;
  private final LocalCommits localCommits = new LocalCommits();
  private final CallerHandles callerHandles;
  private final String schema;

  public JdbiStore(Settings settings) {
    this.ownedPool = settings.dataSource() == null ? pool(settings) : null;
    DataSource dataSource = ownedPool != null ? ownedPool : settings.dataSource();
    this.schema = settings.schema();
    this.jdbi = configured(Jdbi.create(dataSource), settings.schema());
    try {
      if (settings.migrate()) {
        LiquibaseMigrations.run(dataSource, settings.schema(), settings.changelogs());
      }
      this.access = checkedAccess(TenantAccess.probe(jdbi));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.scope = new TenantScope(access.canSwitchToTenantRole());
    this.writer = new EventWriter(settings.schema());
    this.callerHandles = new CallerHandles(settings.schema());
    this.transactions = new JdbiTransactions(jdbi, scope, writer, localCommits);
    this.outbox = JdbiOutbox.standalone(jdbi, settings.failedEventsHoldAggregate(), ownedPool != null, writer);
    this.signals = new PgOutboxSignals(() -> settings.dataSource() != null
        ? settings.dataSource().getConnection()
        : DriverManager.getConnection(settings.jdbcUrl(), credentials(settings)), localCommits);
  }

  /**
   * Refuses a connecting role that no policy binds and that cannot switch to the tenant role:
   * tenants would not be isolated.
   */
  private static TenantAccess checkedAccess(TenantAccess access) {
    if (!access.canSwitchToTenantRole()) {
      if (access.bypassesRls()) {
        throw new IllegalStateException("role " + access.role() + " bypasses row-level security (superuser or "
            + "BYPASSRLS) and cannot SET ROLE " + LiquibaseMigrations.TENANT_ROLE + ", so tenants would not be isolated: "
            + "create that role and grant it to " + access.role() + " (README, section Tenancy), or connect "
            + "as a role without BYPASSRLS");
      }
      log.info("role {} cannot SET ROLE {}; tenant transactions run as {} itself, which row-level security binds",
          access.role(), LiquibaseMigrations.TENANT_ROLE, access.role());
    }
    return access;
  }

  private static Properties credentials(Settings settings) {
    Properties properties = new Properties();
    if (settings.username() != null) {
      properties.setProperty("user", settings.username());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    return properties;
  }

  /** Session settings of the connections of a pool the store owns. */
  static final String SESSION_SETTINGS = "set jit = off";

  private static HikariDataSource pool(Settings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    if (settings.username() != null) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.maximumPoolSize());
    config.setPoolName("message-driven");
    // The library's statements are short OLTP: JIT compilation only ever costs them time (about
    // 280 ms to compile a claim). With a pool of your own (or a pooler that resets sessions),
    // each claim turns JIT off in its own transaction instead.
    config.setConnectionInitSql(SESSION_SETTINGS);
    return new HikariDataSource(config);
  }

  /** The store's Jdbi configuration: SqlObject, PostgreSQL types, and {@code <schema>} in SQL. */
  static Jdbi configured(Jdbi jdbi, String schema) {
    return jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin()).define("schema", schema);
  }

  public Transactions transactions() {
    return transactions;
  }

  /** Transactions that join the one open on the caller's {@code connection}. */
  public Transactions joining(Connection connection) {
    return new JoinedTransactions(connection, null, callerHandles, scope, writer, localCommits);
  }

  /** Transactions that join the one open on the caller's Jdbi {@code handle}. */
  public Transactions joining(Handle handle) {
    Objects.requireNonNull(handle, "handle");
    return new JoinedTransactions(handle.getConnection(), handle, callerHandles, scope, writer, localCommits);
  }

  /** The cross-tenant outbox for publishers; refused when the connecting role would see no events. */
  public OutboxPort outbox() {
    if (!access.readsEveryTenant()) {
      throw new IllegalStateException("role " + access.role() + " cannot read every tenant's events, so a publisher "
          + "on this store would find none: grant " + LiquibaseMigrations.PUBLISHER_ROLE + " to " + access.role()
          + " (README, section Tenancy)");
    }
    return outbox;
  }

  public String schema() {
    return schema;
  }

  public OutboxSignals signals() {
    return signals;
  }

  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}
