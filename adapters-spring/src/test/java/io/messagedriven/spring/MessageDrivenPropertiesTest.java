package io.messagedriven.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import io.messagedriven.spring.internal.PublisherSettings;
import org.junit.jupiter.api.Test;

/** The properties' defaults are the builders' defaults, so an application that sets none gets the library's behaviour. */
class MessageDrivenPropertiesTest {

  @Test
  void thePublisherDefaultsAreTheBuildersDefaults() {
    Publisher.Builder fromProperties = Publisher.builder();
    PublisherSettings.apply(new MessageDrivenProperties().getPublisher(), fromProperties);

    assertThat(fromProperties).hasToString(Publisher.builder().toString());
  }

  @Test
  void theRetryDefaultsAreTheDefaultPolicy() {
    MessageDrivenProperties.Retry retry = new MessageDrivenProperties().getPublisher().getRetry();

    assertThat(new RetryPolicy(retry.getMaxAttempts(), retry.getInitialDelay(), retry.getMaxDelay(),
        retry.getMultiplier(), retry.getJitter(), retry.getNonRetryable())).isEqualTo(RetryPolicy.DEFAULT);
  }

  @Test
  void theStoreDefaultsAreTheStoresDefaults() {
    MessageDrivenProperties properties = new MessageDrivenProperties();

    assertThat(properties.getSchema()).isEqualTo(PostgresStore.DEFAULT_SCHEMA);
    assertThat(properties.isMigrate()).isTrue();
    assertThat(properties.isFailedEventsHoldAggregate()).isFalse();
    assertThat(properties.getOutsideTransaction()).isEqualTo(MessageDrivenProperties.OutsideTransaction.REFUSE);
    assertThat(properties.getPublisher().isEnabled()).isTrue();
  }
}
