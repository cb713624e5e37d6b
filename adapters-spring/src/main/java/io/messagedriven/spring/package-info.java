/**
 * Spring Boot starter for message-driven: add {@code io.messagedriven:message-driven-spring-boot-starter}
 * to an application with a PostgreSQL {@code DataSource}, and the outbox is there.
 *
 * <ul>
 *   <li>{@link io.messagedriven.spring.TransactionalOutbox}: inject it and append events inside
 *       {@code @Transactional}; they commit or roll back with the transaction.</li>
 *   <li>{@link io.messagedriven.spring.HandlesEvents}: put it on an {@code EventHandler} bean to
 *       receive the events of those names; a publisher runs with the application context.</li>
 *   <li>{@link io.messagedriven.spring.MessageDrivenProperties}: every setting as a {@code
 *       message-driven.*} property; {@link io.messagedriven.spring.PublisherCustomizer} for the
 *       rest.</li>
 *   <li>With Actuator, the health indicator {@code messageDriven}; with {@code
 *       message-driven-micrometer} too, the outbox's meters in the application's {@code
 *       MeterRegistry}.</li>
 * </ul>
 *
 * <p>The auto-configuration classes here are public for {@code @ImportAutoConfiguration} and
 * {@code exclude}; their beans back off when the application defines its own.
 */
package io.messagedriven.spring;
