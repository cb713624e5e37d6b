package io.messagedriven.domain;

import io.messagedriven.domain.DomainException;

/** Another tenant already has this slug. Nothing was written. */
public final class DuplicateSlugException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final String slug;

  public DuplicateSlugException(String slug) {
    super("tenant slug \"" + slug + "\" is already taken");
    this.slug = slug;
  }

  public String slug() {
    return slug;
  }
}
