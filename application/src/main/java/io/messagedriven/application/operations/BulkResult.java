package io.messagedriven.application.operations;

/**
 * What a requeue or delete did.
 *
 * @param changed how many events it requeued or deleted
 * @param refused how many it left alone because they or another event of their aggregate are in
 *     flight (try again later), or, for ids, because they are not in a status the change applies to
 * @param more whether it stopped at its bound with more matching events left: run it again
 */
public record BulkResult(long changed, long refused, boolean more) {}
