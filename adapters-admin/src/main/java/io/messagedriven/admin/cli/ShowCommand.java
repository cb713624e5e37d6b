package io.messagedriven.admin.cli;

import io.messagedriven.admin.internal.OperationsViews;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.port.EventDetail;
import io.messagedriven.domain.EventId;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show ID}: one event in full. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "One event in full: payload, headers, attempts and last error with its stack trace.")
final class ShowCommand extends OperatorCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The event's id.")
  String id;

  @Override
  int run(Operations operations) {
    EventDetail detail = operations.event(EventId.parse(id));
    Map<String, Object> view = OperationsViews.detail(detail);
    if (cli.json()) {
      cli.printJson(view);
      return ExitCodes.OK;
    }
    PrintWriter out = cli.out();
    view.forEach((key, value) -> {
      if (!key.equals("lastError") && !key.equals("payload")) {
        out.println(String.format("%-14s %s", key, value == null ? "-" : value));
      }
    });
    out.println("payload");
    out.println("  " + detail.record().event().payload());
    detail.record().error().ifPresent(error -> {
      out.println("last error     " + error.errorClass() + ": " + error.message());
      out.println(error.stackTrace().strip().indent(2).stripTrailing());
    });
    out.flush();
    return ExitCodes.OK;
  }
}
