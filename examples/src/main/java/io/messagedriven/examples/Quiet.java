package io.messagedriven.examples;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps library chatter out of the examples' output. */
public final class Quiet {
  /** Held, so java.util.logging does not forget the level. */
  private static final Logger LIQUIBASE = Logger.getLogger("liquibase");

  private Quiet() {}

  /** Liquibase logs every changeset at INFO. */
  public static void liquibase() {
    LIQUIBASE.setLevel(Level.WARNING);
  }
}
