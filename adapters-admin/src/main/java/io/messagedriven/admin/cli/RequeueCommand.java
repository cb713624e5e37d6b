package io.messagedriven.admin.cli;

import io.messagedriven.application.operations.BulkResult;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.domain.EventId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code requeue}: failed events back to pending, due at once, attempts reset. */
@Command(name = "requeue", mixinStandardHelpOptions = true,
    description = "Put failed events back to pending, due at once, with their attempts reset: by id, "
        + "by filter (such as --cause from `failures`), or --all-failed.")
final class RequeueCommand extends BulkCommand {
  @Option(names = "--all-failed", description = "Every failed event (of --tenant, if given).")
  boolean allFailed;

  @Override
  String verb() {
    return "requeue";
  }

  @Override
  boolean everything() {
    return allFailed;
  }

  @Override
  BulkResult byIds(Operations operations, List<EventId> ids) {
    return ids.size() == 1 ? operations.requeue(ids.get(0)) : operations.requeue(ids);
  }

  @Override
  BulkResult byFilter(Operations operations, EventFilter filter, int max) {
    return operations.requeue(filter, max);
  }
}
