/**
 * The seed's sample on PostgreSQL: {@link io.messagedriven.jdbi.user.PostgresUsers}, the users
 * table of {@code CreateUser} and the user queries, and its changelog. The outbox does not depend
 * on it; it shows how an application's own repository joins the outbox's transaction.
 */
package io.messagedriven.jdbi.user;
