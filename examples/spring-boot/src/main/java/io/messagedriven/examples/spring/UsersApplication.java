package io.messagedriven.examples.spring;

import io.messagedriven.application.user.CreateUser;
import io.messagedriven.jdbi.user.PostgresUsers;
import io.messagedriven.spring.TransactionalOutbox;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot service that signs users up over HTTP: the user, its {@code User.created} event
 * and a row of the service's own {@code signups} table commit in one {@code @Transactional}
 * method, and {@link WelcomeHandler} receives the event after the commit. Run it with
 * {@code spring.datasource.url} pointing at PostgreSQL.
 */
@SpringBootApplication
public class UsersApplication {

  /** Starts the service. */
  public static void main(String[] args) {
    SpringApplication.run(UsersApplication.class, args);
  }

  /** The sample's use case, joined to the caller's Spring-managed transaction. */
  @Bean
  CreateUser createUser(TransactionalOutbox outbox) {
    return new CreateUser(outbox.transactions(), new PostgresUsers(), Clock.systemUTC());
  }
}
