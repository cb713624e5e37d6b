package io.messagedriven.application;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the items, in the list's order; at most the requested limit
 * @param nextCursor pass it to {@link PageRequest#after} to read the next page; null when this
 *     is the last page
 * @param <T> the type of the items
 */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
