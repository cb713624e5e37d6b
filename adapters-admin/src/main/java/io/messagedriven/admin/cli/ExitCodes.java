package io.messagedriven.admin.cli;

/** The exit codes of {@link AdminCli}, the same as those of the examples' programs where they overlap. */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;
  /** Done in part: a bulk change refused some events (in flight), or stopped at its bound. */
  public static final int FAILED = 1;
  /** A bad command, option or value, or an unknown tenant or event. */
  public static final int USAGE = 2;
  /** The database refuses the settings: an unknown database or role, a wrong password. */
  public static final int REFUSED = 3;
  /** The database is down or unreachable. */
  public static final int UNREACHABLE = 4;
  /** A destructive command was not confirmed (answered no, or no terminal to ask and no {@code --yes}). */
  public static final int NOT_CONFIRMED = 5;

  private ExitCodes() {}
}
