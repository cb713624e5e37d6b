package io.messagedriven.admin.cli;

import io.messagedriven.application.operations.Operations;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A subcommand that works on the store the global options name: opens it, runs, closes it. */
abstract class OperatorCommand implements Callable<Integer> {
  @ParentCommand
  AdminCli cli;

  @Override
  public final Integer call() {
    try (Session session = cli.open()) {
      return run(session.operations());
    }
  }

  /** Does the command's work; returns its exit code. */
  abstract int run(Operations operations);
}
