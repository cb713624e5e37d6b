package io.messagedriven.admin.cli;

import io.messagedriven.admin.internal.OperationsViews;
import io.messagedriven.application.operations.BulkResult;
import io.messagedriven.application.operations.Operations;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code purge}: published events older than a retention, deleted in batches. */
@Command(name = "purge", mixinStandardHelpOptions = true,
    description = "Delete events published longer ago than --older-than (of every tenant), in batches.")
final class PurgeCommand extends OperatorCommand {
  @Option(names = "--older-than", required = true, converter = Durations.class,
      description = "The retention, such as 7d, 12h or PT30M; 1 minute to 3650 days.")
  Duration olderThan;

  @Option(names = "--max", defaultValue = "1000000", description = "At most this many events, 1 to 1,000,000. Default: ${DEFAULT-VALUE}.")
  int max;

  @Option(names = {"-y", "--yes"}, description = "Do it without asking.")
  boolean yes;

  @Override
  int run(Operations operations) {
    if (!Confirmation.confirmed(cli, yes, "delete up to " + max + " events published more than " + olderThan + " ago")) {
      return ExitCodes.NOT_CONFIRMED;
    }
    BulkResult result = operations.purgePublished(olderThan, max);
    if (cli.json()) {
      cli.printJson(OperationsViews.bulk("purge", result));
    } else {
      cli.out().println("purged " + result.changed() + " published events" + (result.more() ? "; more are left" : ""));
      cli.out().flush();
    }
    return result.more() ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
