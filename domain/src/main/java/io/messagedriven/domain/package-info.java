/**
 * The outbox's domain: {@link io.messagedriven.domain.Event events}, the {@link
 * io.messagedriven.domain.Tenant tenants} they belong to, their ids, and the errors that refuse
 * bad input ({@link io.messagedriven.domain.DomainException} and its subtypes).
 *
 * <p>Plain Java 17 with no dependencies. Every type checks its invariants when it is built and
 * throws an {@link io.messagedriven.domain.InvalidValueException} naming the field and the bad
 * value. An application raises events of its own aggregates; one without tenants of its own uses
 * {@link io.messagedriven.domain.TenantId#DEFAULT}:
 *
 * <pre>{@code
 * Event placed = Event.raise("Order", orderId, "Order.placed", "{\"total\":42}", clock.instant());
 * placed.tenantId();   // TenantId.DEFAULT
 * }</pre>
 *
 * <p>The seed's sample aggregate, {@code User}, lives apart in {@code io.messagedriven.domain.user};
 * nothing here depends on it.
 */
package io.messagedriven.domain;
