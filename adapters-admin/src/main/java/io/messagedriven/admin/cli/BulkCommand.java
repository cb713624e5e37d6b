package io.messagedriven.admin.cli;

import io.messagedriven.admin.internal.OperationsViews;
import io.messagedriven.application.operations.BulkResult;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code requeue} and {@code delete}: by ids, or in bounded bulk by filter (a cause, a status, a
 * name, ...), after confirmation. Exits {@value ExitCodes#FAILED} when some events were refused
 * (they or their aggregate are in flight) or more are left past {@code --max}.
 */
abstract class BulkCommand extends OperatorCommand {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "Ids of the events.")
  List<String> ids = new ArrayList<>();

  @Mixin
  FilterOptions filter = new FilterOptions();

  @Option(names = "--max", defaultValue = "100000",
      description = "At most this many events by filter, 1 to 1,000,000 (in batches of 1,000). Default: ${DEFAULT-VALUE}.")
  int max;

  @Option(names = {"-y", "--yes"}, description = "Do it without asking.")
  boolean yes;

  /** What the command does, as a verb: {@code requeue}. */
  abstract String verb();

  /** Whether it may run on every event with no criterion but a flag of its own. */
  abstract boolean everything();

  abstract BulkResult byIds(Operations operations, List<EventId> ids);

  abstract BulkResult byFilter(Operations operations, EventFilter filter, int max);

  @Override
  final int run(Operations operations) {
    TenantId tenant = cli.tenant(operations);
    boolean byFilter = filter.any() || tenant != null || everything();
    if (!ids.isEmpty() && (filter.any() || everything())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either ids or a filter, not both");
    }
    if (ids.isEmpty() && !byFilter) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "name the events: ids, a filter (such as --cause or --status), or --tenant");
    }
    List<EventId> parsed = ids.stream().map(EventId::parse).toList();
    String what = parsed.isEmpty()
        ? verb() + " up to " + max + " events matching " + describe(tenant)
        : verb() + " " + parsed.size() + (parsed.size() == 1 ? " event" : " events");
    if (!Confirmation.confirmed(cli, yes, what)) {
      return ExitCodes.NOT_CONFIRMED;
    }
    BulkResult result = parsed.isEmpty()
        ? byFilter(operations, filter.filter(tenant), max)
        : byIds(operations, parsed);
    if (cli.json()) {
      cli.printJson(OperationsViews.bulk(verb(), result));
    } else {
      cli.out().println(verb() + "d " + result.changed() + (result.changed() == 1 ? " event" : " events"));
      if (result.refused() > 0) {
        cli.out().println("refused " + result.refused() + ": in flight, of an aggregate with an event in flight"
            + (verb().equals("requeue") ? ", or not failed" : "") + "; try again later");
      }
      if (result.more()) {
        cli.out().println("more events match: run it again, or raise --max");
      }
      cli.out().flush();
    }
    return result.refused() > 0 || result.more() ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private String describe(TenantId tenant) {
    List<String> parts = new ArrayList<>();
    if (tenant != null) {
      parts.add("tenant " + cli.tenant);
    }
    if (filter.status != null) {
      parts.add("status " + filter.status);
    }
    if (filter.cause != null) {
      parts.add("cause " + filter.cause);
    }
    if (filter.name != null) {
      parts.add("name " + filter.name);
    }
    if (filter.aggregateType != null) {
      parts.add("aggregate " + filter.aggregateType + (filter.aggregateId == null ? "" : "/" + filter.aggregateId));
    }
    if (filter.from != null || filter.before != null) {
      parts.add("occurred " + (filter.from == null ? "" : "from " + filter.from + " ")
          + (filter.before == null ? "" : "before " + filter.before));
    }
    return parts.isEmpty() ? "(every failed event)" : String.join(", ", parts);
  }
}
