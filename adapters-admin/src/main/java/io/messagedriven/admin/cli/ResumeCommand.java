package io.messagedriven.admin.cli;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.domain.TenantId;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code resume TENANT}: publishers claim the tenant's events again. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume publishing for a paused tenant.")
final class ResumeCommand extends OperatorCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "TENANT", description = "The tenant's slug or id (or --tenant).")
  String tenant;

  @Override
  int run(Operations operations) {
    TenantId id = TenantArgument.resolve(cli, operations, tenant);
    boolean changed = operations.resume(id);
    if (cli.json()) {
      cli.printJson(Map.of("tenant", id.toString(), "paused", false, "changed", changed));
    } else {
      cli.out().println(changed ? "resumed tenant " + id : "tenant " + id + " was not paused");
      cli.out().flush();
    }
    return ExitCodes.OK;
  }
}
