package io.messagedriven.admin.cli;

import io.messagedriven.admin.internal.OperationsViews;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.PublisherStatus;
import io.messagedriven.application.operations.StatusReport;
import io.messagedriven.application.operations.port.PausedTenant;
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.domain.TenantId;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code status}: events per status and lag, per tenant and in total, and the publishers seen. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Events per status and lag per tenant and in total, paused tenants, and the publishers seen.")
final class StatusCommand extends OperatorCommand {

  @Override
  int run(Operations operations) {
    TenantId tenant = cli.tenant(operations);
    StatusReport report = operations.status(tenant);
    List<PublisherStatus> publishers = operations.publishers();
    List<PausedTenant> paused = operations.paused().stream()
        .filter(p -> tenant == null || p.tenant().equals(tenant)).toList();
    if (cli.json()) {
      cli.printJson(OperationsViews.status(report, publishers, paused));
      return ExitCodes.OK;
    }
    Table tenants = new Table("TENANT", "PENDING", "IN FLIGHT", "PUBLISHED", "FAILED", "LAG", "PAUSED");
    for (TenantCounts counts : report.tenants()) {
      tenants.row(counts.slug(), counts.pending(), counts.inFlight(), counts.published(), counts.failed(),
          Durations.show(counts.lag()), counts.paused() ? "paused" : "");
    }
    tenants.row("(total)", report.pending(), report.inFlight(), report.published(), report.failed(),
        Durations.show(report.lag()), "");
    tenants.print(cli.out());
    cli.out().println();
    if (publishers.isEmpty()) {
      cli.out().println("no publisher seen");
    } else {
      Table seen = new Table("PUBLISHER", "HOST", "STARTED", "LAST SEEN", "IN FLIGHT", "STATE");
      for (PublisherStatus p : publishers) {
        seen.row(p.publisher().owner(), p.publisher().host(), p.publisher().startedAt(),
            Durations.show(p.publisher().sinceLastSeen()) + " ago", p.publisher().inFlight(),
            p.state().name().toLowerCase(java.util.Locale.ROOT));
      }
      seen.print(cli.out());
    }
    for (PausedTenant p : paused) {
      cli.out().println("tenant " + p.slug() + " paused since " + p.pausedAt() + (p.reason().isEmpty() ? "" : ": " + p.reason()));
    }
    cli.out().flush();
    return ExitCodes.OK;
  }
}
