package io.messagedriven.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.publisher.Publisher;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The README's existing-service samples, run on a database that has a service's own table. */
class ExistingServiceExampleIT {

  @Test
  void ordersPlacedInTheServicesOwnTransactionsArePublishedInTheDefaultTenant() throws Exception {
    String url = TestDatabase.freshUrl();
    TestDatabase.execute(url, ExistingServiceExample.ORDERS_TABLE);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    try (HikariDataSource pool = new HikariDataSource(config);
        PostgresStore store = PostgresStore.builder().dataSource(pool).build()) {
      TestDatabase.execute(url, ExistingServiceExample.ORDERS_GRANT);
      ExistingServiceExample service = new ExistingServiceExample(pool, store);
      Jdbi jdbi = ExistingServiceExample.serviceJdbi(pool);

      UUID viaJdbc = service.placeWithJdbc(4200);
      List<UUID> viaJdbi = service.placeWithJdbi(jdbi, 1700);

      assertThat(jdbi.withExtension(ExistingServiceExample.OrderDao.class, ExistingServiceExample.OrderDao::count))
          .isEqualTo(3);
      Set<String> published = ConcurrentHashMap.newKeySet();
      Set<TenantId> tenants = ConcurrentHashMap.newKeySet();
      try (Publisher publisher = Publisher.builder().outbox(store.outbox()).signals(store.signals())
          .handler((Event event) -> {
            published.add(event.aggregateId());
            tenants.add(event.tenantId());
          })
          .build()) {
        publisher.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (published.size() < 3 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      assertThat(published).containsExactlyInAnyOrder(
          viaJdbc.toString(), viaJdbi.get(0).toString(), viaJdbi.get(1).toString());
      assertThat(tenants).containsExactly(TenantId.DEFAULT);
    }
  }
}
