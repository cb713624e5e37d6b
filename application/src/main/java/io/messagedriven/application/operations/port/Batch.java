package io.messagedriven.application.operations.port;

/**
 * What one bounded batch of a bulk change did.
 *
 * @param matched how many events the batch looked at (that matched the filter, or the ids found
 *     in a status the change applies to)
 * @param changed how many of them it changed
 * @param lastPosition the position of the last event it looked at, where the next batch starts;
 *     0 for a batch of ids
 */
public record Batch(int matched, int changed, long lastPosition) {
  public Batch {
    if (matched < 0 || changed < 0 || changed > matched) {
      throw new IllegalArgumentException("a batch changes 0 to matched events, was " + changed + " of " + matched);
    }
  }

  /** How many it left alone because their aggregate has an event in flight (or they are in flight). */
  public int refused() {
    return matched - changed;
  }
}
