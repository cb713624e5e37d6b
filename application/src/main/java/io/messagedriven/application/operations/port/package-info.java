/**
 * The port operators' tools stand on: {@link io.messagedriven.application.operations.port.OperationsPort},
 * which a store implements (for PostgreSQL, {@code PostgresStore.operations()}), and the records
 * it returns. Callers use {@code io.messagedriven.application.operations.Operations}, which checks
 * the arguments and adds what is logic rather than SQL (totals, bounded bulk loops, which
 * publishers are gone).
 */
package io.messagedriven.application.operations.port;
