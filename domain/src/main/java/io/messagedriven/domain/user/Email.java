package io.messagedriven.domain.user;

import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.internal.Check;

import java.util.Locale;

/**
 * An email address, validated and normalised.
 *
 * <p>Accepted: a dot-atom local part of 1 to 64 characters (letters, digits, non-ASCII letters
 * and {@code !#$%&'*+/=?^_`{|}~-}, with single dots between them), one {@code @}, and a domain
 * of at least two dot-separated labels (letters, digits and inner hyphens, 1 to 63 characters
 * each), at most 254 characters in all. Surrounding white space is removed and the domain is
 * lower-cased; the local part keeps its case. Two emails are the same address when they are
 * equal ignoring case ({@link #canonical()}), which is how uniqueness within a tenant is judged.
 */
public record Email(String value) {
  public static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL_LENGTH = 64;
  private static final int MAX_LABEL_LENGTH = 63;
  private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

  public Email {
    Check.notNull("email", value);
    if (!value.equals(normalise(value))) {
      throw new InvalidValueException("email", value, "it is not normalised; use Email.of");
    }
    validate(value);
  }

  /** Validates and normalises {@code raw}; an invalid address is an {@link InvalidValueException}. */
  public static Email of(String raw) {
    Check.notNull("email", raw);
    return new Email(normalise(raw));
  }

  /** The address lower-cased: equal canonical forms mean the same mailbox within a tenant. */
  public String canonical() {
    return value.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String normalise(String raw) {
    String trimmed = raw.strip();
    int at = trimmed.lastIndexOf('@');
    if (at < 0) {
      return trimmed;
    }
    return trimmed.substring(0, at) + trimmed.substring(at).toLowerCase(Locale.ROOT);
  }

  private static void validate(String value) {
    if (value.isEmpty()) {
      throw invalid(value, "it is blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw invalid(value, "it is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw invalid(value, "it contains a control character");
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw invalid(value, "it contains white space");
      }
    }
    int at = value.indexOf('@');
    if (at < 0) {
      throw invalid(value, "it has no '@'");
    }
    if (value.indexOf('@', at + 1) >= 0) {
      throw invalid(value, "it has more than one '@'");
    }
    validateLocalPart(value, value.substring(0, at));
    validateDomain(value, value.substring(at + 1));
  }

  private static void validateLocalPart(String email, String local) {
    if (local.isEmpty()) {
      throw invalid(email, "the part before '@' is empty");
    }
    if (local.length() > MAX_LOCAL_LENGTH) {
      throw invalid(email, "the part before '@' is longer than " + MAX_LOCAL_LENGTH + " characters");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw invalid(email, "the part before '@' has a misplaced '.'");
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean allowed = c == '.' || Character.isLetterOrDigit(c) || LOCAL_SPECIALS.indexOf(c) >= 0;
      if (!allowed) {
        throw invalid(email, "the part before '@' contains '" + c + "'");
      }
    }
  }

  private static void validateDomain(String email, String domain) {
    if (domain.isEmpty()) {
      throw invalid(email, "the domain after '@' is empty");
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      throw invalid(email, "the domain has no '.'");
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
        throw invalid(email, "the domain has a label that is empty or longer than " + MAX_LABEL_LENGTH);
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw invalid(email, "a domain label starts or ends with '-'");
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!(Character.isLetterOrDigit(c) || c == '-')) {
          throw invalid(email, "the domain contains '" + c + "'");
        }
      }
    }
  }

  private static InvalidValueException invalid(String value, String problem) {
    return new InvalidValueException("email", value, problem);
  }
}
