/**
 * The ports of message-driven: what the use cases and the publishing step need from the outside
 * world, named for what they do for the application.
 *
 * <ul>
 *   <li>{@link io.messagedriven.application.port.Transactions} and {@link
 *       io.messagedriven.application.port.UnitOfWork}: the transaction boundary, and the
 *       repositories and outbox bound to one transaction;
 *   <li>{@link io.messagedriven.application.port.TenantRepository} and {@link
 *       io.messagedriven.application.port.EventHistory}: the rows a transaction may see, which for
 *       a tenant-scoped one are that tenant's only;
 *   <li>{@link io.messagedriven.application.port.OutboxPort}: append events, claim them with a
 *       lease, acknowledge them (fenced by the lease token);
 *   <li>{@link io.messagedriven.application.port.EventHandler}: what a publisher hands each event
 *       to. Implement it to write your own handler adapter.
 * </ul>
 *
 * <p>The PostgreSQL adapter ({@code message-driven-adapters-jdbi}) implements the persistence
 * ports; {@code message-driven-adapters-publisher} runs publishers and ships handlers.
 *
 * <pre>{@code
 * EventHandler printer = event -> System.out.println(event.name() + " " + event.payload());
 * }</pre>
 */
package io.messagedriven.application.port;
