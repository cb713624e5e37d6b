package io.messagedriven.publisher.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class or method that needs a server on this machine, such as RabbitMQ: before it runs, a
 * TCP connection to {@link #host()}:{@link #port()} is tried. When nothing answers, the tests are
 * skipped with one line naming the server and how to start it, also printed to the build log; with
 * {@value ServerCondition#REQUIRE_VARIABLE}{@code =true} (as CI sets) they fail instead.
 *
 * <pre>
 * &#64;RequiresServer(name = "RabbitMQ", port = 5672, howToRun = "rabbitmq-server -detached")
 * class RabbitMqHandlerIT { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(RequiresServer.All.class)
@ExtendWith(ServerCondition.class)
public @interface RequiresServer {

  /** The server, as a person calls it: {@code RabbitMQ}. */
  String name();

  String host() default "127.0.0.1";

  int port();

  /** A command that starts the server, for the skip line. */
  String howToRun();

  /** Several servers a test needs, each checked in turn. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD})
  @ExtendWith(ServerCondition.class)
  @interface All {
    RequiresServer[] value();
  }
}
