package io.messagedriven.admin.cli;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.jdbi.PostgresStore;

/**
 * A store opened for one command, with the operations on it. It runs no migrations (an
 * operators' tool must not change the schema) and keeps its pools small.
 */
final class Session implements AutoCloseable {
  private final PostgresStore store;
  private final Operations operations;

  Session(String jdbcUrl, String user, String password, String schema) {
    this.store = PostgresStore.builder().jdbcUrl(jdbcUrl).username(user).password(password).schema(schema)
        .migrate(false).maximumPoolSize(1).publisherPoolSize(2).build();
    this.operations = new Operations(store.operations());
  }

  Operations operations() {
    return operations;
  }

  @Override
  public void close() {
    store.close();
  }
}
