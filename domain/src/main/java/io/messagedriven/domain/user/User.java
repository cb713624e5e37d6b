package io.messagedriven.domain.user;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.internal.Check;
import io.messagedriven.domain.internal.Json;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user of one tenant.
 *
 * <p>Create one with {@link #create}: it checks the invariants and returns the user together
 * with the {@code User.created} event it raises, which the caller must append to the outbox in
 * the same transaction as the user.
 *
 * @param id identity
 * @param tenantId the tenant the user belongs to
 * @param email the user's address, unique within the tenant ignoring case
 * @param name display name: 1 to 200 characters after trimming, no control characters
 * @param createdAt when the user was created
 */
public record User(UserId id, TenantId tenantId, Email email, String name, Instant createdAt) {
  public static final int MAX_NAME_LENGTH = 200;
  /** Aggregate type of user events. */
  public static final String AGGREGATE_TYPE = "User";
  /** Name of the event raised by {@link #create}. */
  public static final String CREATED = "User.created";

  public User {
    Check.notNull("userId", id);
    Check.notNull("tenantId", tenantId);
    Check.notNull("email", email);
    name = validName(name);
    createdAt = Check.instant("createdAt", createdAt); // what the database keeps
  }

  /** Checks a display name and returns it trimmed. */
  public static String validName(String name) {
    return Check.text("name", name, MAX_NAME_LENGTH);
  }

  /** A new user and the event that records its creation. */
  public record Created(User user, Event event) {}

  /**
   * Creates a user of {@code tenantId} now according to {@code clock} (to the microsecond), and
   * the {@code User.created} event whose JSON payload carries the user's id, tenant, email and
   * name.
   */
  public static Created create(TenantId tenantId, Email email, String name, Clock clock) {
    User user = new User(UserId.random(), tenantId, email, name, Check.now(clock));
    Map<String, String> payload = new LinkedHashMap<>();
    payload.put("userId", user.id().toString());
    payload.put("tenantId", tenantId.toString());
    payload.put("email", email.value());
    payload.put("name", user.name());
    payload.put("createdAt", user.createdAt().toString());
    Event event =
        Event.raise(tenantId, AGGREGATE_TYPE, user.id().toString(), CREATED, Json.object(payload),
            user.createdAt());
    return new Created(user, event);
  }
}
