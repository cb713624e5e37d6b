package io.messagedriven.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code message-driven.targets.rabbitmq.*}: a {@code RabbitMqHandler} the starter builds and
 * routes when {@code uri} is set and {@code message-driven-publisher-rabbitmq} is on the classpath.
 * The defaults are the builder's; a value it refuses fails startup naming the property.
 */
@ConfigurationProperties(prefix = "message-driven.targets.rabbitmq")
public class RabbitMqTargetProperties {
  /** The broker, as amqp://user:password@host:port/vhost or amqps://; setting it turns the target on. */
  private String uri;

  /** Event names sent to the broker: Aggregate.verb, Aggregate.* or *. */
  private List<String> events = new ArrayList<>(List.of("*"));

  /** The topic exchange to publish to; the routing key is the event name. */
  private String exchange = "events";

  /** Whether to declare the exchange (durable, topic) on each new connection. */
  private boolean declareExchange = true;

  /** How long a batch waits for its publisher confirms; an event not confirmed by then is retried. */
  private Duration confirmTimeout = Duration.ofSeconds(30);

  /** How long to wait for a connection (TCP and AMQP handshake). */
  private Duration connectionTimeout = Duration.ofSeconds(5);

  /** The name the connection shows in the management UI. */
  private String connectionName = "message-driven-publisher";

  /** The broker URI, or null when the target is off. */
  public String getUri() {
    return uri;
  }

  /** Sets {@code message-driven.targets.rabbitmq.uri}. */
  public void setUri(String uri) {
    this.uri = uri;
  }

  /** The event name patterns routed to the broker. */
  public List<String> getEvents() {
    return events;
  }

  /** Sets {@code message-driven.targets.rabbitmq.events}. */
  public void setEvents(List<String> events) {
    this.events = events;
  }

  /** The exchange. */
  public String getExchange() {
    return exchange;
  }

  /** Sets {@code message-driven.targets.rabbitmq.exchange}. */
  public void setExchange(String exchange) {
    this.exchange = exchange;
  }

  /** Whether the exchange is declared. */
  public boolean isDeclareExchange() {
    return declareExchange;
  }

  /** Sets {@code message-driven.targets.rabbitmq.declare-exchange}. */
  public void setDeclareExchange(boolean declareExchange) {
    this.declareExchange = declareExchange;
  }

  /** The confirm timeout. */
  public Duration getConfirmTimeout() {
    return confirmTimeout;
  }

  /** Sets {@code message-driven.targets.rabbitmq.confirm-timeout}. */
  public void setConfirmTimeout(Duration confirmTimeout) {
    this.confirmTimeout = confirmTimeout;
  }

  /** The connection timeout. */
  public Duration getConnectionTimeout() {
    return connectionTimeout;
  }

  /** Sets {@code message-driven.targets.rabbitmq.connection-timeout}. */
  public void setConnectionTimeout(Duration connectionTimeout) {
    this.connectionTimeout = connectionTimeout;
  }

  /** The connection name. */
  public String getConnectionName() {
    return connectionName;
  }

  /** Sets {@code message-driven.targets.rabbitmq.connection-name}. */
  public void setConnectionName(String connectionName) {
    this.connectionName = connectionName;
  }
}
