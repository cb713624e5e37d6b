package io.messagedriven.examples;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps library chatter out of the examples' output. */
public final class Quiet {
  /** Held, so java.util.logging does not forget the levels. */
  private static final Logger LIQUIBASE = Logger.getLogger("liquibase");
  private static final Logger POSTGRESQL_DRIVER = Logger.getLogger("org.postgresql");

  private Quiet() {}

  /**
   * Liquibase logs every changeset at INFO; the PostgreSQL driver warns on stderr about a URL it
   * then refuses anyway (the programs say what is wrong in one line of their own).
   */
  public static void libraries() {
    LIQUIBASE.setLevel(Level.WARNING);
    POSTGRESQL_DRIVER.setLevel(Level.SEVERE);
  }
}
