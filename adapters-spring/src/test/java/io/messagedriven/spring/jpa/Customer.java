package io.messagedriven.spring.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A JPA entity of the application's, in a table of its own. */
@Entity
@Table(name = "customers")
public class Customer {
  @Id
  private UUID id;
  private String name;

  protected Customer() {}

  Customer(UUID id, String name) {
    this.id = id;
    this.name = name;
  }

  UUID id() {
    return id;
  }
}
