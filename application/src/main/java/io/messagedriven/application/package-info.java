/**
 * The use cases of message-driven, and the publishing step.
 *
 * <ul>
 *   <li>{@link io.messagedriven.application.CreateTenant}: a tenant with a unique slug;
 *   <li>{@link io.messagedriven.application.CreateUser}: a user and its {@code User.created}
 *       event, in one transaction;
 *   <li>{@link io.messagedriven.application.UserQueries}, {@link
 *       io.messagedriven.application.EventQueries} and {@link
 *       io.messagedriven.application.TenantQueries}: read users (by id, by email ignoring case,
 *       page by page), the history of an aggregate's events with their status, and tenants by id
 *       or slug. User and event reads run in a transaction scoped to their tenant;
 *   <li>{@link io.messagedriven.application.PublishingStep}: claim due events, hand each to an
 *       {@link io.messagedriven.application.port.EventHandler}, mark it published, due for a
 *       retry (by the {@link io.messagedriven.application.RetryPolicy}) or failed.
 * </ul>
 *
 * <p>Each use case takes a validating command record and the ports it needs. Bad input is
 * refused with a {@link io.messagedriven.domain.DomainException} subtype that names the problem,
 * and nothing is written.
 *
 * <pre>{@code
 * CreateUser createUser = new CreateUser(store.transactions(), Clock.systemUTC());
 * User ada = createUser.handle(CreateUserCommand.of(tenant.id(), "ada@example.com", "Ada"));
 *
 * UserQueries users = new UserQueries(store.transactions());
 * Page<User> first = users.list(tenant.id(), PageRequest.first(50));
 * Page<User> second = users.list(tenant.id(), PageRequest.after(first.nextCursor(), 50));
 * }</pre>
 */
package io.messagedriven.application;
