package io.messagedriven.spring.jpa;

import io.messagedriven.domain.Event;
import io.messagedriven.spring.HandlesEvents;
import io.messagedriven.spring.TransactionalOutbox;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A JPA application: Hibernate on the same DataSource as the outbox. */
@SpringBootApplication
class JpaApp {

  /** Registers customers: the entity and its event in one JPA transaction. */
  @Service
  static class Customers {
    private final EntityManager entities;
    private final TransactionalOutbox outbox;

    Customers(EntityManager entities, TransactionalOutbox outbox) {
      this.entities = entities;
      this.outbox = outbox;
    }

    @Transactional
    public UUID register(String name, boolean thenFail) {
      Customer customer = new Customer(UUID.randomUUID(), name);
      entities.persist(customer);
      entities.flush();
      outbox.append(Event.raise("Customer", customer.id().toString(), "Customer.registered",
          "{\"name\":\"" + name + "\"}", Instant.now()));
      if (thenFail) {
        throw new IllegalStateException("registration refused");
      }
      return customer.id();
    }
  }

  /** The aggregate ids of the events handed to the handler. */
  static final List<String> REGISTERED = new CopyOnWriteArrayList<>();

  @Bean
  @HandlesEvents("Customer.*")
  io.messagedriven.application.port.EventHandler registeredHandler() {
    return event -> REGISTERED.add(event.aggregateId());
  }
}
