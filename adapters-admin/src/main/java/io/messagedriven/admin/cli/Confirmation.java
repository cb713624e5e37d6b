package io.messagedriven.admin.cli;

/**
 * The check before a destructive command: {@code --yes} confirms at once; otherwise a person is
 * asked on the terminal, and without a terminal (a script, a pipe) the command is refused.
 */
final class Confirmation {
  private Confirmation() {}

  /**
   * Whether to go on with {@code what}; prints why not on {@code err} of {@code cli} otherwise.
   */
  static boolean confirmed(AdminCli cli, boolean yes, String what) {
    if (yes) {
      return true;
    }
    if (!cli.terminal().interactive()) {
      cli.err().println("error: not confirmed: " + what + " needs --yes when standard input is not a terminal");
      return false;
    }
    String answer = cli.terminal().ask(what + "? [y/N] ");
    boolean agreed = answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    if (!agreed) {
      cli.err().println("error: not confirmed: nothing was changed");
    }
    return agreed;
  }
}
