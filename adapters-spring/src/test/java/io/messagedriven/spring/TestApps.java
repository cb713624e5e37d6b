package io.messagedriven.spring;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Application contexts with the starter on a fresh database that has a service's own {@code orders} table. */
public final class TestApps {
  static final String ORDERS_TABLE = "create table orders (id uuid primary key, total_cents bigint not null)";

  private TestApps() {}

  /** A new database with the {@code orders} table; its JDBC URL. */
  static String freshDatabase() {
    String url = TestDatabase.freshUrl();
    TestDatabase.execute(url, ORDERS_TABLE);
    return url;
  }

  /** The auto-configurations of a JDBC application with the starter, on {@code url}. */
  static ApplicationContextRunner runner(String url) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
            MessageDrivenAutoConfiguration.class, MessageDrivenHealthAutoConfiguration.class,
            MessageDrivenMetricsAutoConfiguration.class,
            MessageDrivenRabbitMqAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.hikari.maximum-pool-size=6",
            "message-driven.publisher.poll-interval=100ms");
  }

  /** One number read with {@code sql} on {@code url}, as the superuser (row-level security does not hide rows). */
  public static long count(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The name of the database {@code url} connects to. */
  static String currentDatabase(String url) {
    try (Connection connection = DriverManager.getConnection(url)) {
      return connection.getCatalog();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** {@code url} on the server's {@code postgres} database, to administer the database of {@code url} from outside it. */
  static String administration(String url) {
    int path = url.indexOf('/', url.indexOf("//") + 2);
    int query = url.indexOf('?', path);
    return url.substring(0, path + 1) + "postgres" + (query < 0 ? "" : url.substring(query));
  }

  /** The events in the outbox. */
  static long events(String url) {
    return count(url, "select count(*) from message_driven.events");
  }

  /** An {@code Order.placed} event of {@code order}. */
  static Event placed(UUID order, long totalCents) {
    return Event.raise("Order", order.toString(), "Order.placed", "{\"totalCents\":" + totalCents + "}", Instant.now());
  }

  /** A service of the application's: an order and its event in one {@code @Transactional} method. */
  static class OrderService {
    private final JdbcClient jdbc;
    private final TransactionalOutbox outbox;

    OrderService(JdbcClient jdbc, TransactionalOutbox outbox) {
      this.jdbc = jdbc;
      this.outbox = outbox;
    }

    @Transactional
    public UUID place(long totalCents) {
      UUID order = UUID.randomUUID();
      jdbc.sql("insert into orders (id, total_cents) values (?, ?)").params(order, totalCents).update();
      outbox.append(placed(order, totalCents));
      return order;
    }

    @Transactional
    public void placeThenFail(long totalCents) {
      place(totalCents);
      throw new IllegalStateException("payment refused");
    }
  }

  /** A handler that keeps what it was handed. */
  static final class RecordingHandler implements EventHandler {
    final List<Event> handled = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Event event) {
      handled.add(event);
    }

    List<String> aggregateIds() {
      return handled.stream().map(Event::aggregateId).toList();
    }
  }

  /** The order service and a handler routed to {@code Order.placed}. */
  @Configuration(proxyBeanMethods = false)
  static class Orders {
    @Bean
    OrderService orderService(JdbcClient jdbc, TransactionalOutbox outbox) {
      return new OrderService(jdbc, outbox);
    }

    @Bean
    @HandlesEvents("Order.placed")
    RecordingHandler recordingHandler() {
      return new RecordingHandler();
    }
  }
}
