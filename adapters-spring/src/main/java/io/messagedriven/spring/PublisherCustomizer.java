package io.messagedriven.spring;

import io.messagedriven.publisher.Publisher;

/**
 * Changes the starter's {@code Publisher.Builder} after the {@code message-driven.publisher.*}
 * properties were applied and before it is built (and checked): a bean of this type sets what
 * properties cannot say, such as a listener or a retry policy of your own.
 *
 * <pre>{@code
 * @Bean
 * PublisherCustomizer auditListener(AuditLog audit) {
 *   return builder -> builder.listener(new AuditingListener(audit));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PublisherCustomizer {
  /** Changes {@code builder}. */
  void customize(Publisher.Builder builder);
}
