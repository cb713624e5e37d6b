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
 *
 * <p>Tenants are isolated by PostgreSQL's row-level security, forced on all three tables. Each
 * transaction of the store starts with one statement that sets its tenant ({@code
 * message_driven.tenant_id}) and switches to the role {@value
 * io.messagedriven.jdbi.Migrations#TENANT_ROLE}, both transaction-locally, so the policies hold
 * even for a superuser connection. The publishers' {@link
 * io.messagedriven.jdbi.PostgresStore#outbox() outbox} is the one cross-tenant path. Run SQL of
 * your own in a store transaction through {@link io.messagedriven.jdbi.PostgresStore#connection}:
 *
 * <pre>{@code
 * store.transactions().inTenant(tenantId, tx -> {
 *   Connection connection = PostgresStore.connection(tx);
 *   try (ResultSet users = connection.createStatement().executeQuery("select count(*) from users")) {
 *     ...   // this tenant's users only
 *   }
 * });
 * }</pre>
 */
package io.messagedriven.jdbi;
