package io.messagedriven.admin.cli;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.domain.TenantId;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pause TENANT}: publishers claim none of the tenant's events until it is resumed. */
@Command(name = "pause", mixinStandardHelpOptions = true,
    description = "Pause publishing for a tenant: publishers claim none of its events until `resume`; events in flight finish.")
final class PauseCommand extends OperatorCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "TENANT", description = "The tenant's slug or id (or --tenant).")
  String tenant;

  @Option(names = "--reason", description = "Why, shown with the pause.")
  String reason;

  @Override
  int run(Operations operations) {
    TenantId id = TenantArgument.resolve(cli, operations, tenant);
    boolean changed = operations.pause(id, reason);
    if (cli.json()) {
      cli.printJson(Map.of("tenant", id.toString(), "paused", true, "changed", changed));
    } else {
      cli.out().println(changed ? "paused tenant " + id : "tenant " + id + " was paused already");
      cli.out().flush();
    }
    return ExitCodes.OK;
  }
}
