/**
 * A service that exists before the outbox does: its own table, its own pool, its own plain JDBC
 * and Jdbi transactions, and no tenants. It is the one place in the examples that uses JDBC and
 * Jdbi directly, as such a service does; the README's "Add it to an existing service" shows it.
 */
package io.messagedriven.examples.service;
