package io.messagedriven.admin.dashboard.internal;

import io.messagedriven.admin.dashboard.Dashboard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the dashboard: a request carries the token ({@code Authorization: Bearer}) or the
 * cookie of a session its login opened; a request that changes anything also carries the CSRF
 * header and comes from the dashboard's own origin.
 */
final class Guard {
  private static final String CSRF_HEADER = Dashboard.CSRF_HEADER;
  private static final Duration SESSION = Duration.ofHours(12);
  private static final int MAX_SESSIONS = 1_000;

  private final byte[] token;
  private final String cookie;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

  /** How a request proved it may come in. */
  enum Proof {
    NONE, BEARER, COOKIE
  }

  /**
   * @param port the port the dashboard listens on: cookies ignore ports, so each dashboard's
   *     cookie has a name of its own
   */
  Guard(String token, int port, Clock clock) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.cookie = "md_dashboard_" + port;
    this.clock = clock;
  }

  Proof proof(Http http) {
    String authorization = http.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return matches(authorization.substring(7).strip()) ? Proof.BEARER : Proof.NONE;
    }
    String session = session(http.header("Cookie"));
    if (session != null) {
      Instant expires = sessions.get(session);
      if (expires != null && expires.isAfter(clock.instant())) {
        return Proof.COOKIE;
      }
      sessions.remove(session);
    }
    return Proof.NONE;
  }

  /** Refuses with 401 unless the request carries the token or a live session. */
  Proof require(Http http) {
    Proof proof = proof(http);
    if (proof == Proof.NONE) {
      http.header("WWW-Authenticate", "Bearer realm=\"message-driven dashboard\"");
      throw new Http.Refusal(401, "Unauthorized",
          "send the dashboard's token as Authorization: Bearer <token>, or log in at /login");
    }
    return proof;
  }

  /**
   * Refuses with 403 a request that changes state without the CSRF header, from another origin,
   * or, with a session cookie, without an {@code Origin} (a browser always sends one).
   */
  void requireSameOrigin(Http http, Proof proof) {
    if (!Dashboard.CSRF_VALUE.equals(http.header(CSRF_HEADER))) {
      throw new Http.Refusal(403, "Forbidden", "a request that changes anything needs the header " + CSRF_HEADER + ": 1");
    }
    checkOrigin(http, proof == Proof.COOKIE);
  }

  /** Refuses with 403 a request whose {@code Origin} or fetch site is another than the dashboard's own. */
  void checkOrigin(Http http, boolean originRequired) {
    String origin = http.header("Origin");
    String host = http.header("Host");
    if (origin == null) {
      if (originRequired) {
        throw new Http.Refusal(403, "Forbidden", "a browser's request that changes anything must carry its Origin");
      }
    } else if (host == null || !origin.toLowerCase(Locale.ROOT).equals("http://" + host.toLowerCase(Locale.ROOT))) {
      throw new Http.Refusal(403, "Forbidden", "the request comes from another origin than the dashboard's");
    }
    String site = http.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new Http.Refusal(403, "Forbidden", "the request comes from another site than the dashboard's");
    }
  }

  /** Whether {@code candidate} is the token, compared in constant time. */
  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** Opens a session; returns the {@code Set-Cookie} value that carries it. */
  String open() {
    Instant now = clock.instant();
    sessions.values().removeIf(expires -> !expires.isAfter(now));
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.clear(); // a flood of logins: everyone logs in again rather than memory growing
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(id, now.plus(SESSION));
    return cookie + "=" + id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + SESSION.toSeconds();
  }

  /** Ends the request's session, if any; returns the {@code Set-Cookie} value that clears it. */
  String close(Http http) {
    String session = session(http.header("Cookie"));
    if (session != null) {
      sessions.remove(session);
    }
    return cookie + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  }

  private String session(String cookies) {
    if (cookies == null) {
      return null;
    }
    for (String pair : cookies.split(";")) {
      String trimmed = pair.strip();
      if (trimmed.startsWith(cookie + "=")) {
        return trimmed.substring(cookie.length() + 1);
      }
    }
    return null;
  }
}
