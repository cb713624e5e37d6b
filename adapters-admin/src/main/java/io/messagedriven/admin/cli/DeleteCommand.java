package io.messagedriven.admin.cli;

import io.messagedriven.application.operations.BulkResult;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.domain.EventId;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code delete}: events removed from the outbox for good. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete events for good, by id or by filter; events in flight, and those of an aggregate "
        + "with an event in flight, are left alone.")
final class DeleteCommand extends BulkCommand {

  @Override
  String verb() {
    return "delete";
  }

  @Override
  boolean everything() {
    return false;
  }

  @Override
  BulkResult byIds(Operations operations, List<EventId> ids) {
    return ids.size() == 1 ? operations.delete(ids.get(0)) : operations.delete(ids);
  }

  @Override
  BulkResult byFilter(Operations operations, EventFilter filter, int max) {
    return operations.delete(filter, max);
  }
}
