/**
 * {@link io.messagedriven.application.events.EventQueries}: the events of one aggregate in write order, each with its status in the outbox, attempts and last error, read in a transaction scoped to its tenant.
 */
package io.messagedriven.application.events;
