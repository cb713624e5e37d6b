package io.messagedriven.admin.cli;

import io.messagedriven.admin.internal.OperationsViews;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.port.CauseGroup;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code failures}: failed events grouped by cause, the largest group first. */
@Command(name = "failures", mixinStandardHelpOptions = true,
    description = "Failed events grouped by cause (error class and message with ids, numbers and quotes stripped).")
final class FailuresCommand extends OperatorCommand {
  @Option(names = "--limit", defaultValue = "20", description = "At most this many groups, 1 to 1000. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Override
  int run(Operations operations) {
    List<CauseGroup> causes = operations.failures(cli.tenant(operations), limit);
    if (cli.json()) {
      cli.printJson(causes.stream().map(OperationsViews::cause).toList());
      return ExitCodes.OK;
    }
    if (causes.isEmpty()) {
      cli.out().println("no failed events");
      cli.out().flush();
      return ExitCodes.OK;
    }
    Table table = new Table("CAUSE", "COUNT", "ERROR", "MESSAGE", "FIRST SEEN", "LAST SEEN", "EXAMPLE");
    for (CauseGroup cause : causes) {
      table.row(cause.key(), cause.count(), cause.errorClass(), cause.message(), cause.firstSeen(), cause.lastSeen(),
          cause.examples().isEmpty() ? null : cause.examples().get(0));
    }
    table.print(cli.out());
    return ExitCodes.OK;
  }
}
