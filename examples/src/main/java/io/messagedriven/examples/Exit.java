package io.messagedriven.examples;

import java.io.PrintStream;

/**
 * The exit codes of the command-line programs ({@link Demo}, {@link MessagePublisher}), and the
 * one line on stderr that goes with a failure.
 */
final class Exit {
  /** Done; or stopped cleanly by SIGTERM or Ctrl-C. */
  static final int OK = 0;
  /** Done, but not wholly: the demo did not route every event, or a publisher stopped with handlers still running. */
  static final int FAILED = 1;
  /** A bad flag or value, including a JDBC URL the PostgreSQL driver cannot parse. */
  static final int USAGE = 2;
  /** The database refuses the settings: an unknown database or role, a wrong password. Waiting will not help. */
  static final int REFUSED = 3;
  /** The database is down or unreachable (the demo; MessagePublisher waits for it instead). */
  static final int UNREACHABLE = 4;

  private Exit() {}

  /** Prints {@code error: problem} on one line of {@code err} and returns {@code code}. */
  static int with(int code, String problem, PrintStream err) {
    err.println("error: " + oneLine(problem));
    return code;
  }

  /** {@code text} with its line breaks (and the space around them) joined into single spaces. */
  static String oneLine(String text) {
    return String.valueOf(text).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
