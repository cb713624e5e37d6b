package io.messagedriven.jdbi.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;

/**
 * Liquibase's lock for the library's own migrations, as a PostgreSQL session-level advisory lock
 * instead of a row in {@code databasechangeloglock}: it dies with the connection that holds it,
 * so a process killed while it migrates leaves nothing that stops the next one. Used only for
 * the {@link Database}s that {@link LiquibaseMigrations} made; any other Liquibase run in the
 * same JVM keeps Liquibase's standard lock.
 */
public final class SessionLockService implements LockService {
  /** First half of the advisory lock's key: "md" "lq"; the second is the schema's hash. */
  private static final int KEY = 0x6d646c71;
  private static final Map<Database, String> SCHEMAS = Collections.synchronizedMap(new WeakHashMap<>());

  private Database database;
  private boolean held;

  /** Liquibase makes one per database, through this constructor. */
  public SessionLockService() {}

  /** Lets {@code database}, migrating {@code schema}, lock through this service. */
  static void use(Database database, String schema) {
    SCHEMAS.put(database, schema);
  }

  static void forget(Database database) {
    SCHEMAS.remove(database);
  }

  @Override
  public int getPriority() {
    return PRIORITY_DATABASE + 100;
  }

  @Override
  public boolean supports(Database database) {
    return SCHEMAS.containsKey(database);
  }

  @Override
  public void setDatabase(Database database) {
    this.database = database;
  }

  @Override
  public void setChangeLogLockWaitTime(long minutes) {
    // waits as long as the holder lives: its death releases the lock
  }

  @Override
  public void setChangeLogLockRecheckTime(long seconds) {
    // PostgreSQL wakes the waiter itself
  }

  @Override
  public boolean hasChangeLogLock() {
    return held;
  }

  @Override
  public void waitForLock() throws LockException {
    if (!held) {
      call("select pg_catalog.pg_advisory_lock(?, pg_catalog.hashtext(?))");
      held = true;
    }
  }

  @Override
  public boolean acquireLock() throws LockException {
    if (!held) {
      held = call("select pg_catalog.pg_try_advisory_lock(?, pg_catalog.hashtext(?))");
    }
    return held;
  }

  @Override
  public void releaseLock() throws LockException {
    if (held) {
      held = false;
      call("select pg_catalog.pg_advisory_unlock(?, pg_catalog.hashtext(?))");
    }
  }

  @Override
  public DatabaseChangeLogLock[] listLocks() {
    return new DatabaseChangeLogLock[0];
  }

  @Override
  public void forceReleaseLock() throws LockException {
    releaseLock();
  }

  @Override
  public void reset() {
    held = false;
  }

  @Override
  public void init() {
    // no table to create
  }

  @Override
  public void destroy() {
    // nothing kept in the database
  }

  private boolean call(String sql) throws LockException {
    Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, KEY);
      statement.setString(2, SCHEMAS.getOrDefault(database, ""));
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return !"f".equals(result.getString(1)) && !"false".equals(result.getString(1));
      }
    } catch (SQLException e) {
      throw new LockException("cannot take the migration lock: " + e.getMessage(), e);
    }
  }
}
