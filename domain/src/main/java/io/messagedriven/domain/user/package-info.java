/**
 * The seed's sample aggregate: a {@link io.messagedriven.domain.user.User} of a tenant, with its
 * {@link io.messagedriven.domain.user.Email}. Behaviour lives on the aggregate: {@link
 * io.messagedriven.domain.user.User#create} returns the new user together with the {@code
 * User.created} event it raises.
 *
 * <pre>{@code
 * Clock clock = Clock.systemUTC();
 * Tenant acme = Tenant.create("acme", "Acme Corp", clock);
 * User.Created created = User.create(acme.id(), Email.of("Ada@Example.com"), "Ada", clock);
 * created.event().name();   // "User.created"
 * }</pre>
 */
package io.messagedriven.domain.user;
