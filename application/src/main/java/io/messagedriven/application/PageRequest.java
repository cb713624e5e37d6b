package io.messagedriven.application;

import io.messagedriven.application.internal.Cursors;

import io.messagedriven.domain.InvalidValueException;
import java.util.Optional;

/**
 * Which page of a list to read: at most {@code limit} items, starting after the cursor of the
 * previous page. Lists are read by keyset, so a page costs the same however deep it is, and rows
 * added meanwhile never make a page skip or repeat an item.
 *
 * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
 * @param after the {@link Page#nextCursor()} of the previous page; null for the first page
 */
public record PageRequest(int limit, String after) {
  /** The largest page. */
  public static final int MAX_LIMIT = 1_000;
  private static final int MAX_CURSOR_LENGTH = 200;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidValueException("limit", limit, "use 1 to " + MAX_LIMIT);
    }
    if (after != null && (after.isBlank() || after.length() > MAX_CURSOR_LENGTH)) {
      throw new InvalidValueException("cursor", after, Cursors.NOT_A_CURSOR);
    }
  }

  /** The first page. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  /** The page after the one that returned {@code cursor}, which is required. */
  public static PageRequest after(String cursor, int limit) {
    if (cursor == null) {
      throw new InvalidValueException("cursor", null, "it is required");
    }
    return new PageRequest(limit, cursor);
  }

  /** The cursor to start after; empty for the first page. */
  public Optional<String> cursor() {
    return Optional.ofNullable(after);
  }
}
