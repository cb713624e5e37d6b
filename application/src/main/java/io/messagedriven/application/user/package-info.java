/**
 * The seed's sample use cases: {@link io.messagedriven.application.user.CreateUser} writes a user and its {@code User.created} event in one transaction, {@link io.messagedriven.application.user.UserQueries} reads users. Nothing of the outbox depends on them; they show how an application's own use case writes its aggregate and its events together.
 */
package io.messagedriven.application.user;
