/**
 * PostgreSQL persistence for message-driven, with Jdbi 3 and a Liquibase changelog.
 *
 * <p>{@link io.messagedriven.jdbi.PostgresStore} is the entry point: build one from a JDBC URL
 * (it then owns a HikariCP pool) or from your own {@code DataSource}, and hand its {@link
 * io.messagedriven.jdbi.PostgresStore#transactions() transactions} to the use cases and its
 * {@link io.messagedriven.jdbi.PostgresStore#outbox() outbox} to publishers.
 *
 * <p>Tables: {@code tenants}, {@code users} (email unique per tenant ignoring case) and {@code
 * events}, the outbox. Claims use {@code FOR UPDATE SKIP LOCKED} in a single statement, and
 * acknowledgements are fenced by a per-claim lease token. {@link io.messagedriven.jdbi.Migrations}
 * creates the schema; by default the store runs it on start.
 */
package io.messagedriven.jdbi;
