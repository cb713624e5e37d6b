package io.messagedriven.spring;

import io.messagedriven.application.events.EventQueries;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.TenantQueries;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.Publisher;
import io.messagedriven.spring.internal.HandlerRoutes;
import io.messagedriven.spring.internal.PublisherInstruments;
import io.messagedriven.spring.internal.PublisherLifecycle;
import io.messagedriven.spring.internal.PublisherSettings;
import io.messagedriven.spring.internal.RefusedSettings;
import io.messagedriven.spring.internal.SpringTransactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox on the application's own {@code DataSource}: a {@link PostgresStore} (migrations
 * on by default, in the library's schema), the {@link TransactionalOutbox} that joins the
 * Spring-managed transaction, the tenant and event use cases, and a {@link Publisher} that runs
 * with the application context and routes events to the {@link HandlesEvents} beans. Each bean
 * backs off when the application defines one of its type.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(PostgresStore.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(MessageDrivenProperties.class)
public class MessageDrivenAutoConfiguration {

  /** The auto-configuration; Spring Boot creates it. */
  public MessageDrivenAutoConfiguration() {}

  /**
   * The store on the application's data source; it runs the migrations unless {@code
   * message-driven.migrate=false}. It is created after the application's own database
   * initialization (Spring Boot's Liquibase or Flyway, {@code schema.sql}), so a changelog of
   * the application's that includes the library's has run first. Closing it leaves the data
   * source open.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  public PostgresStore messageDrivenStore(DataSource dataSource, MessageDrivenProperties properties) {
    PostgresStore.Builder builder = PostgresStore.builder()
        .dataSource(dataSource)
        .migrate(properties.isMigrate())
        .failedEventsHoldAggregate(properties.isFailedEventsHoldAggregate())
        .schema(properties.getSchema());
    try {
      properties.getChangelogs().forEach(builder::changelog);
    } catch (IllegalArgumentException e) {
      throw RefusedSettings.refused("message-driven.changelogs", properties.getChangelogs(), e);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw RefusedSettings.refused("message-driven.schema", properties.getSchema(), e);
    }
  }

  /** Appends in the Spring-managed transaction (or as {@code message-driven.outside-transaction} says). */
  @Bean
  @ConditionalOnMissingBean
  public TransactionalOutbox messageDrivenOutbox(
      PostgresStore store, DataSource dataSource, MessageDrivenProperties properties) {
    boolean ownOutside = properties.getOutsideTransaction() == MessageDrivenProperties.OutsideTransaction.OWN_TRANSACTION;
    return new TransactionalOutbox(new SpringTransactions(store, dataSource, ownOutside));
  }

  /** Creates tenants inside the caller's transaction, as appends do. */
  @Bean
  @ConditionalOnMissingBean
  public CreateTenant messageDrivenCreateTenant(TransactionalOutbox outbox, ObjectProvider<Clock> clock) {
    return new CreateTenant(outbox.transactions(), clock.getIfUnique(Clock::systemUTC));
  }

  /** Reads tenants, each call in a short transaction of the store's own. */
  @Bean
  @ConditionalOnMissingBean
  public TenantQueries messageDrivenTenantQueries(PostgresStore store) {
    return new TenantQueries(store.transactions());
  }

  /** Reads an aggregate's events with their status, each call in a short transaction of the store's own. */
  @Bean
  @ConditionalOnMissingBean
  public EventQueries messageDrivenEventQueries(PostgresStore store) {
    return new EventQueries(store.transactions());
  }

  /**
   * What an operator reads and changes (counts per status and lag, failures, requeue, ...), on
   * the store's operations port; the health indicator and the metrics read the lag from it.
   */
  @Bean
  @ConditionalOnMissingBean
  public Operations messageDrivenOperations(PostgresStore store) {
    return new Operations(store.operations());
  }

  /** The publisher, unless {@code message-driven.publisher.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "message-driven.publisher.enabled", matchIfMissing = true)
  public static class PublisherConfiguration {

    /** The publisher's configuration; Spring Boot creates it. */
    public PublisherConfiguration() {}

    /**
     * Routes events by name to the {@link HandlesEvents} beans.
     *
     * @throws IllegalStateException at startup if no bean is annotated
     */
    @Bean
    @ConditionalOnMissingBean
    public EventRouter messageDrivenRouter(ListableBeanFactory beans) {
      return HandlerRoutes.of(beans);
    }

    /**
     * The publisher, built from the {@code message-driven.publisher.*} properties, then the
     * {@link PublisherCustomizer} beans, with the application's {@link PublishingListener} bean
     * if it has exactly one, and the metrics' listener and handler timing when they are bound
     * (both listeners hear every event). It is started and stopped by {@link #messageDrivenPublisherLifecycle}.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Publisher messageDrivenPublisher(PostgresStore store, EventRouter router, MessageDrivenProperties properties,
        ObjectProvider<PublisherCustomizer> customizers, ObjectProvider<PublishingListener> listener,
        ObjectProvider<PublisherInstruments> instruments) {
      PublisherInstruments measured = instruments.getIfUnique();
      Publisher.Builder builder = Publisher.builder().outbox(store.outbox())
          .handler(measured == null ? router : measured.handler(router));
      if (properties.getPublisher().isSignals()) {
        builder.signals(store.signals());
      }
      List<PublishingListener> listeners = new ArrayList<>();
      if (measured != null) {
        listeners.add(measured.listener());
      }
      listener.ifUnique(listeners::add);
      if (!listeners.isEmpty()) {
        builder.listener(listeners.size() == 1
            ? listeners.get(0) : PublishingListener.all(listeners.toArray(PublishingListener[]::new)));
      }
      PublisherSettings settings = PublisherSettings.apply(properties.getPublisher(), builder);
      customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
      return settings.build(builder);
    }

    /** Starts the publisher with the context and stops it, within its stop timeout, when the context closes. */
    @Bean
    @ConditionalOnMissingBean
    public PublisherLifecycle messageDrivenPublisherLifecycle(Publisher publisher, MessageDrivenProperties properties) {
      return new PublisherLifecycle(publisher, properties.getPublisher().getStopTimeout());
    }
  }

}
