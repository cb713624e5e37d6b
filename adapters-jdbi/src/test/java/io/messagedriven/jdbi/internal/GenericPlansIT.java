package io.messagedriven.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.Test;

/**
 * The claims stay prepared, so the server may settle on one generic plan for them while the
 * outbox is empty (a new outbox) and keep it as the backlog grows. That plan must not scan the
 * events table: forced generic on an empty table, neither claim has a sequential scan of it.
 */
class GenericPlansIT {
  /** A type and a value for each parameter the claims take. */
  private static final Map<String, String[]> PARAMETERS = Map.of(
      "owner", new String[] {"text", "'p'"},
      "limit", new String[] {"int", "500"},
      "window", new String[] {"int", "1000"},
      "leaseMillis", new String[] {"bigint", "60000"},
      "failedHolds", new String[] {"boolean", "true"},
      "unflushed", new String[] {"boolean", "true"},
      "skip", new String[] {"uuid[]", "array[gen_random_uuid()]"},
      "ids", new String[] {"uuid[]", "array[gen_random_uuid(), gen_random_uuid()]"},
      "pivot", new String[] {"uuid", "gen_random_uuid()"});
  private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)");

  @Test
  void theFairClaimsGenericPlanOnAnEmptyOutboxNeverScansTheTable() throws Exception {
    assertThat(genericPlanOnAnEmptyOutbox(sqlOf("claimRows"))).doesNotContain("Seq Scan on events").contains("Tid Scan");
  }

  @Test
  void theClaimByIdsGenericPlanOnAnEmptyOutboxNeverScansTheTable() throws Exception {
    assertThat(genericPlanOnAnEmptyOutbox(PublishingStatements.CLAIM_GIVEN))
        .doesNotContain("Seq Scan on events").contains("Index Scan using events_pkey");
  }

  /**
   * With statistics taken of a backlog (every event pending, thousands of tenants) the planner
   * served the fair claim's waiting scan with a bitmap scan of events_aggregate, published
   * history included (docs/benchmarks.md, 2026-12-06): the claim's turn turns bitmap scans off
   * for the claim's transaction, and only for it, since the connection is pooled.
   */
  @Test
  void theClaimsTurnTurnsBitmapScansOffForTheClaimsTransactionOnly() throws Exception {
    String url = TestDatabase.freshUrl();
    PostgresStore.builder().jdbcUrl(url).build().close();
    String turn = sqlOf("awaitClaimTurn").replace(":table", "'message_driven.events'").replace(":wait", "'1s'");
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      try (ResultSet taken = statement.executeQuery(turn)) {
        assertThat(taken.next() && taken.getBoolean(1)).as("the turn is taken").isTrue();
      }
      assertThat(setting(statement, "enable_bitmapscan")).as("in the claim's transaction").isEqualTo("off");
      assertThat(setting(statement, "lock_timeout")).as("put back after the wait").isEqualTo("0");
      connection.commit();

      assertThat(setting(statement, "enable_bitmapscan")).as("after it, on the same connection").isEqualTo("on");
      connection.commit();
    }
  }

  private static String setting(Statement statement, String name) throws Exception {
    try (ResultSet value = statement.executeQuery("select current_setting('" + name + "')")) {
      value.next();
      return value.getString(1);
    }
  }

  private static String sqlOf(String method) {
    Method claim = Arrays.stream(EventDao.class.getDeclaredMethods()).filter(m -> m.getName().equals(method))
        .findFirst().orElseThrow();
    return claim.getAnnotation(SqlQuery.class).value();
  }

  private static String genericPlanOnAnEmptyOutbox(String named) throws Exception {
    String url = TestDatabase.freshUrl();
    PostgresStore.builder().jdbcUrl(url).build().close(); // the schema, migrated
    List<String> names = new ArrayList<>();
    Matcher parameters = PARAMETER.matcher(named.replace("<schema>", "message_driven"));
    StringBuilder numbered = new StringBuilder();
    while (parameters.find()) {
      if (!names.contains(parameters.group(1))) {
        names.add(parameters.group(1));
      }
      parameters.appendReplacement(numbered, "\\$" + (names.indexOf(parameters.group(1)) + 1));
    }
    parameters.appendTail(numbered);
    String types = String.join(", ", names.stream().map(name -> PARAMETERS.get(name)[0]).toList());
    String values = String.join(", ", names.stream().map(name -> PARAMETERS.get(name)[1]).toList());
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("set local plan_cache_mode = force_generic_plan");
      statement.execute("prepare claim(" + types + ") as " + numbered);
      StringBuilder plan = new StringBuilder();
      try (ResultSet lines = statement.executeQuery("explain execute claim(" + values + ")")) {
        while (lines.next()) {
          plan.append(lines.getString(1)).append('\n');
        }
      }
      connection.rollback();
      return plan.toString();
    }
  }
}
