/** Implementation of the PostgreSQL adapter: Jdbi DAOs, repositories and the outbox. Not public API. */
package io.messagedriven.jdbi.internal;
