/**
 * The domain of message-driven: {@link io.messagedriven.domain.Tenant tenants}, their {@link
 * io.messagedriven.domain.User users} and the {@link io.messagedriven.domain.Event events} that
 * record what happened to them.
 *
 * <p>Plain Java 17 with no dependencies. Every type checks its invariants when it is built and
 * throws an {@link io.messagedriven.domain.InvalidValueException} naming the field and the bad
 * value. Behaviour lives on the aggregate: {@link io.messagedriven.domain.User#create} returns the
 * new user together with the {@code User.created} event it raises.
 *
 * <pre>{@code
 * Clock clock = Clock.systemUTC();
 * Tenant acme = Tenant.create("acme", "Acme Corp", clock);
 * User.Created created = User.create(acme.id(), Email.of("Ada@Example.com"), "Ada", clock);
 * created.event().name();   // "User.created"
 * }</pre>
 */
package io.messagedriven.domain;
