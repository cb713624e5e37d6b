/**
 * The application layer of message-driven, one package per role:
 *
 * <ul>
 *   <li>{@code port}: what the outbox needs from the outside world (transactions, the outbox
 *       table, handlers, wake-up signals);
 *   <li>{@code publishing}: the publishing step, its retry policy and its listener;
 *   <li>{@code tenant}: creating tenants and reading the tenant directory;
 *   <li>{@code events}: reading an aggregate's events with their status;
 *   <li>{@code user}: the seed's sample, {@code CreateUser} and the user queries, which nothing
 *       of the outbox depends on.
 * </ul>
 *
 * <p>This package holds what the queries share: {@link io.messagedriven.application.Page} and
 * {@link io.messagedriven.application.PageRequest}, for keyset paging. Each use case takes a
 * validating command record and the ports it needs; bad input is refused with a {@code
 * DomainException} subtype that names the problem, and nothing is written.
 *
 * <pre>{@code
 * Page<EventRecord> first = events.history(tenant, "Order", orderId, PageRequest.first(50));
 * Page<EventRecord> next = events.history(tenant, "Order", orderId, PageRequest.after(first.nextCursor(), 50));
 * }</pre>
 */
package io.messagedriven.application;
