package io.messagedriven.examples;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Where the examples find PostgreSQL: the JDBC URL given with {@code --jdbc-url} or {@code
 * MESSAGE_DRIVEN_JDBC_URL}, or else an embedded PostgreSQL 17 started for the run.
 */
public final class Database implements AutoCloseable {
  public static final String URL_VARIABLE = "MESSAGE_DRIVEN_JDBC_URL";

  private final String jdbcUrl;
  private final EmbeddedPostgres embedded;

  private Database(String jdbcUrl, EmbeddedPostgres embedded) {
    this.jdbcUrl = jdbcUrl;
    this.embedded = embedded;
  }

  /** The configured database, or an embedded one if none is configured. */
  public static Database open(String urlFlag, PrintStream out) {
    return open(urlFlag != null ? urlFlag : System.getenv(URL_VARIABLE), true, out);
  }

  /**
   * The database at {@code url} only, never the one named by the environment, for commands
   * that empty tables (the benchmarks): they must be pointed at a database explicitly.
   */
  public static Database openExplicit(String url, PrintStream out) {
    return open(url, false, out);
  }

  private static Database open(String url, boolean fromEnvironmentToo, PrintStream out) {
    if (url != null && !url.isBlank()) {
      out.println("Using the database at " + redact(url));
      return new Database(url, null);
    }
    out.println("No database configured (--jdbc-url" + (fromEnvironmentToo ? " or " + URL_VARIABLE : "")
        + "): starting an embedded PostgreSQL 17...");
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      out.println("Embedded PostgreSQL is up on port " + postgres.getPort());
      return new Database(postgres.getJdbcUrl("postgres", "postgres"), postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The URL without its password, for printing. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
