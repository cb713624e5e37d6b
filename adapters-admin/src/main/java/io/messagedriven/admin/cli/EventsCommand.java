package io.messagedriven.admin.cli;

import io.messagedriven.admin.internal.OperationsViews;
import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.port.EventSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code events}: one page of events by filter, newest first. */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Events by filter, newest first, one page at a time (pass --after the cursor printed last).")
final class EventsCommand extends OperatorCommand {
  @Mixin
  FilterOptions filter = new FilterOptions();

  @Option(names = "--limit", defaultValue = "50", description = "Events per page, 1 to 1000. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--after", description = "The cursor of the previous page.")
  String after;

  @Override
  int run(Operations operations) {
    Page<EventSummary> page = operations.events(filter.filter(cli.tenant(operations)), new PageRequest(limit, after));
    if (cli.json()) {
      cli.printJson(OperationsViews.events(page));
      return ExitCodes.OK;
    }
    Table table = new Table("ID", "TENANT", "AGGREGATE", "NAME", "STATUS", "ATTEMPTS", "OCCURRED", "LAST ERROR");
    for (EventSummary e : page.items()) {
      table.row(e.id(), e.tenant(), e.aggregateType() + "/" + e.aggregateId(), e.name(), e.status(), e.attempts(),
          e.occurredAt(), e.errorClass() == null ? null : e.errorClass() + ": " + e.errorMessage());
    }
    table.print(cli.out());
    if (page.hasNext()) {
      cli.out().println("more: --after " + page.nextCursor());
    }
    cli.out().flush();
    return ExitCodes.OK;
  }
}
