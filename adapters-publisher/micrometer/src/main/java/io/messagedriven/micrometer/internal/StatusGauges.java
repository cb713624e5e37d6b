package io.messagedriven.micrometer.internal;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.StatusReport;
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.application.port.EventStatus;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gauges of the events per status and the lag, read from the operations every refresh interval
 * on a daemon thread of their own, so a scrape reads memory and never the database. While the
 * outbox cannot be read, every series shows NaN rather than a stale figure.
 */
public final class StatusGauges implements AutoCloseable {
  private static final System.Logger log = System.getLogger(StatusGauges.class.getName());

  private final Operations operations;
  private final boolean tenantTag;
  private final MultiGauge events;
  private final MultiGauge lag;
  private final ScheduledExecutorService refresher;
  private List<Tags> lastEvents = List.of();
  private List<Tags> lastLag = List.of();
  private boolean failing;

  public StatusGauges(Meters meters, Operations operations, Duration refreshInterval) {
    this.operations = operations;
    this.tenantTag = meters.tenantTag();
    this.events = MultiGauge.builder(Meters.EVENTS).description("events in the outbox per status")
        .baseUnit("events").register(meters.registry());
    this.lag = MultiGauge.builder(Meters.LAG).description("age of the oldest due event; 0 when none is due")
        .baseUnit("seconds").register(meters.registry());
    this.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "md-metrics-refresh");
      thread.setDaemon(true);
      return thread;
    });
    refresher.scheduleWithFixedDelay(this::refresh, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the counts once and sets every series; a failure sets them to NaN and logs once per outage. */
  synchronized void refresh() {
    StatusReport report;
    try {
      report = operations.status(null);
    } catch (RuntimeException e) {
      if (!failing) {
        log.log(System.Logger.Level.WARNING, "outbox metrics cannot read the counts; gauges show NaN until they can: " + e);
      }
      failing = true;
      events.register(unknown(lastEvents), true);
      lag.register(unknown(lastLag), true);
      return;
    }
    failing = false;
    Map<Tags, Number> eventRows = new LinkedHashMap<>();
    Map<Tags, Number> lagRows = new LinkedHashMap<>();
    if (tenantTag) {
      for (TenantCounts counts : report.tenants()) {
        Tags tenant = Tags.of(Meters.TENANT, counts.tenant().toString());
        putCounts(eventRows, tenant, counts.pending(), counts.inFlight(), counts.published(), counts.failed());
        lagRows.put(tenant, seconds(counts.lag()));
      }
    } else {
      putCounts(eventRows, Tags.empty(), report.pending(), report.inFlight(), report.published(), report.failed());
      lagRows.put(Tags.empty(), seconds(report.lag()));
    }
    lag.register(rows(lagRows), true);
    events.register(rows(eventRows), true);
    lastEvents = List.copyOf(eventRows.keySet());
    lastLag = List.copyOf(lagRows.keySet());
  }

  private static void putCounts(Map<Tags, Number> rows, Tags tags, long pending, long inFlight, long published, long failed) {
    rows.put(tags.and(Meters.STATUS, status(EventStatus.PENDING)), pending);
    rows.put(tags.and(Meters.STATUS, status(EventStatus.IN_FLIGHT)), inFlight);
    rows.put(tags.and(Meters.STATUS, status(EventStatus.PUBLISHED)), published);
    rows.put(tags.and(Meters.STATUS, status(EventStatus.FAILED)), failed);
  }

  private static List<MultiGauge.Row<?>> rows(Map<Tags, Number> values) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    values.forEach((tags, value) -> rows.add(MultiGauge.Row.of(tags, value)));
    return rows;
  }

  /** The {@code status} tag of a status: its name in lower case, {@code in_flight} for in flight. */
  public static String status(EventStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static List<MultiGauge.Row<?>> unknown(List<Tags> series) {
    return series.stream().<MultiGauge.Row<?>>map(tags -> MultiGauge.Row.of(tags, Double.NaN)).toList();
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
