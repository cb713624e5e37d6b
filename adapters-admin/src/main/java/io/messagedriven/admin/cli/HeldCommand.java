package io.messagedriven.admin.cli;

import io.messagedriven.admin.internal.OperationsViews;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.port.HeldAggregate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code held}: aggregates whose head failed or keeps being retried, with how many events wait behind it. */
@Command(name = "held", mixinStandardHelpOptions = true,
    description = "Aggregates held back by their head (failed, or being retried), and how many events wait behind it.")
final class HeldCommand extends OperatorCommand {
  @Option(names = "--limit", defaultValue = "20", description = "At most this many aggregates, 1 to 1000. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Override
  int run(Operations operations) {
    List<HeldAggregate> held = operations.heldBack(cli.tenant(operations), limit);
    if (cli.json()) {
      cli.printJson(held.stream().map(OperationsViews::held).toList());
      return ExitCodes.OK;
    }
    if (held.isEmpty()) {
      cli.out().println("no aggregate is held back");
      cli.out().flush();
      return ExitCodes.OK;
    }
    Table table = new Table("TENANT", "AGGREGATE", "HEAD", "STATUS", "ATTEMPTS", "ERROR", "MESSAGE", "WAITING");
    for (HeldAggregate aggregate : held) {
      table.row(aggregate.tenant(), aggregate.aggregateType() + " " + aggregate.aggregateId(), aggregate.head(),
          aggregate.headStatus(), aggregate.attempts(), aggregate.errorClass(), aggregate.errorMessage(), aggregate.waiting());
    }
    table.print(cli.out());
    return ExitCodes.OK;
  }
}
