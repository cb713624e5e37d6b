package io.messagedriven.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.tenant.TenantQueries;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.application.user.UserQueries;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.user.User;
import io.messagedriven.domain.user.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/tenants/{slug}/users}: create a user (POST), read one by id, find one by email,
 * and list them by keyset pages (GET).
 */
final class UsersResource {
  static final int DEFAULT_LIMIT = 50;
  private static final String CORRELATION_HEADER = "X-Correlation-Id";
  private static final Set<String> BODY_FIELDS = Set.of("email", "name");
  private static final Set<String> LIST_PARAMETERS = Set.of("email", "after", "limit");

  private final TenantQueries tenants;
  private final UserQueries users;
  private final CreateUser createUser;

  UsersResource(TenantQueries tenants, UserQueries users, CreateUser createUser) {
    this.tenants = tenants;
    this.users = users;
    this.createUser = createUser;
  }

  /** Answers a request whose path is {@code /api/tenants/{slug}/users[/{id}]}. */
  void handle(Exchange exchange, String slug, Optional<String> id) {
    String method = exchange.method();
    if (id.isPresent()) {
      requireMethod(exchange, method, "GET");
      one(exchange, tenant(slug), id.get());
    } else if (method.equals("POST")) {
      create(exchange, tenant(slug));
    } else {
      requireMethod(exchange, method, "GET, POST");
      list(exchange, tenant(slug));
    }
  }

  private static void requireMethod(Exchange exchange, String method, String allowed) {
    if (!List.of(allowed.split(", ")).contains(method)) {
      exchange.responseHeader("Allow", allowed);
      throw Problem.of(405, "method-not-allowed", "Method not allowed",
          method + " is not allowed here; use " + allowed).refusal();
    }
  }

  private void create(Exchange exchange, Tenant tenant) {
    JsonNode body = exchange.jsonBody();
    if (!body.isObject()) {
      throw invalid(null, "the body is a JSON " + body.getNodeType().name().toLowerCase() + "; send an object with email and name");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!BODY_FIELDS.contains(name)) {
        throw invalid(name, "the field \"" + name + "\" is not one of email, name");
      }
    }
    CreateUserCommand command = CreateUserCommand.of(tenant.id(), text(body, "email"), text(body, "name"));
    String correlation = exchange.header(CORRELATION_HEADER);
    if (correlation != null) {
      command = command.correlatedBy(correlation);
    }
    User user = createUser.handle(command);
    exchange.responseHeader("Location", location(tenant, user));
    exchange.send(201, json(user));
  }

  /** The field's string, or null when it is absent or JSON null (the command says it is required). */
  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(field, field + " is a JSON " + value.getNodeType().name().toLowerCase() + "; send a string");
    }
    return value.textValue();
  }

  private void one(Exchange exchange, Tenant tenant, String id) {
    exchange.query(Set.of());
    Optional<User> user = parseId(id).flatMap(userId -> users.findById(tenant.id(), userId));
    exchange.send(200, json(user.orElseThrow(() -> notFound("user-not-found", "User not found",
        "tenant " + tenant.slug() + " has no user with id " + id))));
  }

  private static Optional<UserId> parseId(String id) {
    try {
      return Optional.of(UserId.parse(id));
    } catch (InvalidValueException notAnId) {
      return Optional.empty(); // no user has it
    }
  }

  private void list(Exchange exchange, Tenant tenant) {
    Map<String, String> query = exchange.query(LIST_PARAMETERS);
    String email = query.get("email");
    if (email != null) {
      if (query.size() > 1) {
        throw invalid("email", "email finds one user; it does not combine with after or limit");
      }
      Optional<User> found = users.findByEmail(tenant.id(), email);
      exchange.send(200, page(found.stream().toList(), null, tenant, 1));
      return;
    }
    int limit = limit(query.get("limit"));
    String after = query.get("after");
    Page<User> page = users.list(tenant.id(), after == null ? PageRequest.first(limit) : PageRequest.after(after, limit));
    if (page.hasNext()) {
      exchange.responseHeader("Link", "<" + nextPage(tenant, page.nextCursor(), limit) + ">; rel=\"next\"");
    }
    exchange.send(200, page(page.items(), page.nextCursor(), tenant, limit));
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    if (!raw.matches("[0-9]{1,9}")) {
      throw new InvalidValueException("limit", raw, "use a whole number from 1 to " + PageRequest.MAX_LIMIT);
    }
    return Integer.parseInt(raw);
  }

  private Tenant tenant(String slug) {
    Optional<Tenant> tenant;
    try {
      tenant = tenants.findBySlug(slug);
    } catch (InvalidValueException notASlug) {
      tenant = Optional.empty(); // no tenant has it
    }
    return tenant.orElseThrow(() -> notFound("unknown-tenant", "Unknown tenant", "there is no tenant " + slug));
  }

  private static Map<String, Object> page(List<User> users, String nextCursor, Tenant tenant, int limit) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", users.stream().map(UsersResource::json).toList());
    json.put("nextCursor", nextCursor);
    json.put("next", nextCursor == null ? null : nextPage(tenant, nextCursor, limit));
    return json;
  }

  static Map<String, Object> json(User user) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", user.id().toString());
    json.put("tenantId", user.tenantId().toString());
    json.put("email", user.email().value());
    json.put("name", user.name());
    json.put("createdAt", user.createdAt().toString());
    return json;
  }

  private static String location(Tenant tenant, User user) {
    return "/api/tenants/" + tenant.slug() + "/users/" + user.id();
  }

  private static String nextPage(Tenant tenant, String cursor, int limit) {
    return "/api/tenants/" + tenant.slug() + "/users?after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)
        + "&limit=" + limit;
  }

  private static Problem.Refusal notFound(String name, String title, String detail) {
    return Problem.of(404, name, title, detail).refusal();
  }

  private static Problem.Refusal invalid(String field, String detail) {
    Problem problem = Problem.of(422, "invalid-value", "Invalid value", detail);
    return (field == null ? problem : problem.about(field)).refusal();
  }
}
