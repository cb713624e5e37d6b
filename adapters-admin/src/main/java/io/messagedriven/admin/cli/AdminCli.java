package io.messagedriven.admin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The admin command line of the outbox: {@code status}, {@code failures}, {@code events}, {@code
 * show}, {@code requeue}, {@code delete}, {@code pause}, {@code resume} and {@code purge}, on the
 * database given by {@code --jdbc-url}.
 *
 * <p>Exit codes: {@value ExitCodes#OK} done; {@value ExitCodes#FAILED} done in part (a bulk change
 * refused some events, or stopped at its bound); {@value ExitCodes#USAGE} a bad command, option or
 * value, or an unknown tenant or event; {@value ExitCodes#REFUSED} the database refuses the
 * settings; {@value ExitCodes#UNREACHABLE} the database is down or unreachable; {@value
 * ExitCodes#NOT_CONFIRMED} a destructive command was not confirmed.
 */
@Command(
    name = "message-driven-admin",
    mixinStandardHelpOptions = true,
    description = "Operate the message-driven outbox: see what it holds, requeue, delete, pause.",
    subcommands = {
        // the subcommands; the dashboard (branch ui) adds DashboardCommand.class here
    })
public final class AdminCli {

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AdminCli()).execute(args));
  }
}
