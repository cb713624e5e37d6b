package io.messagedriven.jdbi.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.messagedriven.application.operations.port.OperationsPort;
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

/**
 * The parts behind {@code PostgresStore}: the pools, Jdbi, and the ports built on them. A store
 * that owns its pools keeps two: one for tenant work (the application's transactions, whose
 * connections may carry SQL of the application's) and one for the publishers, which no tenant
 * work ever touches.
 */
public final class JdbiStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JdbiStore.class);

  /** Checked settings from the builder. */
  public record Settings(
      String jdbcUrl,
      String username,
      String password,
      DataSource dataSource,
      int maximumPoolSize,
      int publisherPoolSize,
      boolean migrate,
      boolean failedEventsHoldAggregate,
      String schema,
      List<String> changelogs) {}

  /** Session settings of the publishers' pool, when the store owns it. */
  static final String PUBLISHER_SESSION_SETTINGS = "set jit = off";

  private final HikariDataSource tenantPool;
  private final HikariDataSource publisherPool;
  private final Transactions transactions;
  private final OutboxPort outbox;
  private final JdbiOperations operations;
  private final OutboxSignals signals;
  private final TenantAccess access;
  private final TenantScope scope;
  private final EventWriter writer;
  private final LocalCommits localCommits = new LocalCommits();
  /** This store's origin in notification payloads (see {@link TenantScope#ORIGIN_SETTING}). */
  private final java.util.UUID origin = java.util.UUID.randomUUID();
  private final CallerHandles callerHandles;
  private final String schema;

  public JdbiStore(Settings settings) {
    this.schema = settings.schema();
    boolean owned = settings.dataSource() == null;
    HikariDataSource tenants = null;
    HikariDataSource publishers = null;
    try {
      tenants = owned ? pool(settings, "message-driven", settings.maximumPoolSize(), null) : null;
      DataSource tenantSource = owned ? tenants : settings.dataSource();
      if (settings.migrate()) {
        LiquibaseMigrations.run(tenantSource, settings.schema(), settings.changelogs(), true);
      }
      Jdbi jdbi = configured(Jdbi.create(tenantSource), schema);
      this.access = checkedAccess(TenantAccess.probe(jdbi, schema));
      publishers = owned
          ? pool(settings, "message-driven-publisher", settings.publisherPoolSize(), PUBLISHER_SESSION_SETTINGS)
          : null;
      this.scope = new TenantScope(access.canSwitchToTenantRole(), origin);
      this.writer = new EventWriter(schema);
      this.callerHandles = new CallerHandles(schema);
      this.transactions = new JdbiTransactions(jdbi, scope, writer, localCommits, new SessionReset(null), access.role());
      Jdbi publisherJdbi = owned ? configured(Jdbi.create(publishers), schema) : jdbi;
      this.outbox = JdbiOutbox.standalone(publisherJdbi, owned ? publishers : tenantSource,
          settings.failedEventsHoldAggregate(), owned, writer);
      this.operations = new JdbiOperations(publisherJdbi);
    } catch (RuntimeException e) {
      close(tenants);
      close(publishers);
      throw StoreFailures.translate("cannot start the store on " + where(settings), e);
    }
    this.tenantPool = tenants;
    this.publisherPool = publishers;
    this.signals = new PgOutboxSignals(() -> owned
        ? DriverManager.getConnection(settings.jdbcUrl(), credentials(settings))
        : settings.dataSource().getConnection(), localCommits, origin.toString());
  }

  private static String where(Settings settings) {
    return settings.jdbcUrl() == null ? "the given data source" : redacted(settings.jdbcUrl());
  }

  /** Whether the PostgreSQL driver can parse {@code url} (a bad port, say, it cannot). */
  public static boolean driverAccepts(String url) {
    return org.postgresql.Driver.parseURL(url, new Properties()) != null;
  }

  /** The URL with any password parameter masked, for messages and logs. */
  public static String redacted(String url) {
    return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /**
   * Refuses a connecting role that no policy binds and that cannot switch to the tenant role:
   * tenants would not be isolated. Warns when it owns the tables or is a superuser: SQL run as
   * it could turn row-level security off.
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
    if (access.superuser() || access.ownsTables()) {
      log.warn("message-driven connects as {}, which {}: SQL of the application's run as it could turn row-level "
          + "security off. Run the migrations as an owner role and connect as a role that owns nothing and is a "
          + "member of {} and/or {} (README, section Tenancy)", access.role(),
          access.superuser() ? "is a superuser" : "owns the outbox's tables",
          LiquibaseMigrations.TENANT_ROLE, LiquibaseMigrations.PUBLISHER_ROLE);
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

  private static HikariDataSource pool(Settings settings, String name, int size, String sessionSettings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    if (settings.username() != null) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(size);
    config.setPoolName(name);
    // The publishers' statements are short OLTP: JIT compilation only ever costs them time (about
    // 280 ms to compile a claim). With a pool of your own, each claim turns JIT off in its own
    // transaction instead.
    if (sessionSettings != null) {
      config.setConnectionInitSql(sessionSettings);
    }
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

  /** The operations port, on the publishers' cross-tenant path; refused as {@link #outbox()} is. */
  public OperationsPort operations() {
    outbox();
    return operations;
  }

  public String schema() {
    return schema;
  }

  public OutboxSignals signals() {
    return signals;
  }

  @Override
  public void close() {
    close(tenantPool);
    close(publisherPool);
  }

  private static void close(HikariDataSource pool) {
    if (pool != null) {
      pool.close();
    }
  }
}
