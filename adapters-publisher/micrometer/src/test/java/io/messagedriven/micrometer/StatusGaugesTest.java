package io.messagedriven.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.port.OperationsPort;
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.application.port.StoreException;
import io.messagedriven.domain.TenantId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gauges on an operations port that answers {@code counts} from memory. */
class StatusGaugesTest {
  private static final TenantId ACME = TenantId.parse("6f1c2a9e-4b7d-4c3e-9a8b-1d2e3f405162");
  private static final TenantId GLOBEX = TenantId.parse("0b9d8c7e-6f5a-4e3d-8c2b-1a0f9e8d7c6b");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicReference<List<TenantCounts>> counts = new AtomicReference<>(List.of());
  private final AtomicReference<RuntimeException> outage = new AtomicReference<>();
  private final AtomicInteger reads = new AtomicInteger();
  private OutboxMetrics metrics;

  /** Only {@code counts} is answered: the gauges need nothing else. */
  private final OperationsPort port = (OperationsPort) Proxy.newProxyInstance(
      OperationsPort.class.getClassLoader(), new Class<?>[] {OperationsPort.class}, (proxy, method, args) -> {
        if (!method.getName().equals("counts")) {
          throw new UnsupportedOperationException(method.getName());
        }
        reads.incrementAndGet();
        if (outage.get() != null) {
          throw outage.get();
        }
        return counts.get();
      });

  @AfterEach
  void close() {
    if (metrics != null) {
      metrics.close();
    }
  }

  private OutboxMetrics start(boolean tenantTag) {
    metrics = OutboxMetrics.builder().registry(registry).operations(new Operations(port))
        .refreshInterval(Duration.ofMillis(100)).tenantTag(tenantTag).build();
    return metrics;
  }

  private static TenantCounts of(TenantId tenant, long pending, long inFlight, long published, long failed, Duration lag) {
    return new TenantCounts(tenant, "slug-" + tenant.toString().substring(0, 4), pending, inFlight, published, failed, lag, false);
  }

  private double events(String status) {
    Gauge gauge = registry.find(OutboxMetrics.EVENTS).tag(OutboxMetrics.STATUS, status).tagKeys().gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " within 10 s");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void theGaugesShowTheTotalsPerStatusAndTheLargestLag() throws InterruptedException {
    counts.set(List.of(of(ACME, 3, 1, 10, 2, Duration.ofMillis(1_500)), of(GLOBEX, 4, 0, 5, 0, Duration.ofSeconds(7))));
    start(false);

    await("the first read", () -> events("pending") == 7);
    assertThat(events("in_flight")).isEqualTo(1);
    assertThat(events("published")).isEqualTo(15);
    assertThat(events("failed")).isEqualTo(2);
    assertThat(registry.get(OutboxMetrics.LAG).gauge().value()).isEqualTo(7.0);
    assertThat(registry.find(OutboxMetrics.EVENTS).tagKeys(OutboxMetrics.TENANT).gauges()).isEmpty();
  }

  @Test
  void theGaugesFollowTheCountsAsTheyChange() throws InterruptedException {
    counts.set(List.of(of(ACME, 3, 0, 0, 0, Duration.ofSeconds(1))));
    start(false);
    await("the first read", () -> events("pending") == 3);

    counts.set(List.of(of(ACME, 0, 0, 3, 0, Duration.ZERO)));

    await("a later read", () -> events("published") == 3);
    assertThat(events("pending")).isZero();
    assertThat(registry.get(OutboxMetrics.LAG).gauge().value()).isZero();
  }

  @Test
  void withTheTenantTagEachTenantHasItsSeriesAndNewTenantsAppear() throws InterruptedException {
    counts.set(List.of(of(ACME, 3, 1, 10, 2, Duration.ofSeconds(2))));
    start(true);
    await("acme's series", () -> registry.find(OutboxMetrics.EVENTS).tag(OutboxMetrics.TENANT, ACME.toString()).gauges().size() == 4);

    counts.set(List.of(of(ACME, 3, 1, 10, 2, Duration.ofSeconds(2)), of(GLOBEX, 4, 0, 5, 0, Duration.ofSeconds(9))));

    await("globex's series", () -> registry.find(OutboxMetrics.LAG).tag(OutboxMetrics.TENANT, GLOBEX.toString()).gauge() != null);
    assertThat(registry.get(OutboxMetrics.EVENTS).tag(OutboxMetrics.TENANT, GLOBEX.toString())
        .tag(OutboxMetrics.STATUS, "pending").gauge().value()).isEqualTo(4);
    assertThat(registry.get(OutboxMetrics.LAG).tag(OutboxMetrics.TENANT, GLOBEX.toString()).gauge().value()).isEqualTo(9);
    assertThat(registry.get(OutboxMetrics.LAG).tag(OutboxMetrics.TENANT, ACME.toString()).gauge().value()).isEqualTo(2);
  }

  @Test
  void whileTheOutboxCannotBeReadTheGaugesShowNanAndRecoverAfterwards() throws InterruptedException {
    counts.set(List.of(of(ACME, 3, 0, 0, 0, Duration.ZERO)));
    start(false);
    await("the first read", () -> events("pending") == 3);

    outage.set(new StoreException("database unreachable", null));
    await("NaN while it cannot be read", () -> Double.isNaN(events("pending")));
    assertThat(registry.get(OutboxMetrics.LAG).gauge().value()).isNaN();

    outage.set(null);
    await("the counts again", () -> events("pending") == 3);
  }

  @Test
  void scrapesReadMemoryAndCloseStopsTheReads() throws InterruptedException {
    start(false);
    await("a first read", () -> reads.get() >= 1);

    metrics.close();
    int after = reads.get();
    for (int i = 0; i < 1_000; i++) {
      events("pending");
    }
    Thread.sleep(300);
    assertThat(reads.get()).isEqualTo(after);
  }

  @Test
  void withoutOperationsThereAreNoGauges() {
    metrics = OutboxMetrics.builder().registry(registry).build();

    assertThat(registry.find(OutboxMetrics.EVENTS).gauges()).isEmpty();
    assertThat(registry.find(OutboxMetrics.LAG).gauges()).isEmpty();
  }

  @Test
  void aRefreshIntervalOutOfBoundsIsRefusedNamingIt() {
    assertThatThrownBy(() -> OutboxMetrics.builder().registry(registry).refreshInterval(Duration.ofMillis(99)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("refreshInterval must be 100ms to 1h, was PT0.099S");
    assertThatThrownBy(() -> OutboxMetrics.builder().registry(registry).refreshInterval(null).build())
        .hasMessage("refreshInterval must be 100ms to 1h, was null");
    assertThatThrownBy(() -> OutboxMetrics.builder().registry(registry).refreshInterval(Duration.ofHours(2)).build())
        .hasMessage("refreshInterval must be 100ms to 1h, was PT2H");
    assertThat(registry.getMeters()).isEmpty();
  }
}
