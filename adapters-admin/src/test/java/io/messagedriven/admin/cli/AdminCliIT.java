package io.messagedriven.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.Tenant;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin command line run in-process on real PostgreSQL: its output, its JSON and its exit codes. */
class AdminCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private String url;
  private PostgresStore store;
  private OutboxPort outbox;
  private Tenant acme;

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + out + err, e);
      }
    }
  }

  @BeforeEach
  void freshDatabase() {
    url = TestDatabase.freshUrl();
    store = PostgresStore.builder().jdbcUrl(url).build();
    outbox = store.outbox();
    acme = new CreateTenant(store.transactions(), Clock.systemUTC()).handle(new CreateTenantCommand("acme", "Acme"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Run run(Terminal terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--jdbc-url", url));
    all.addAll(List.of(args));
    int exit = AdminCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), terminal, null);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run run(String... args) {
    return run(noTerminal(), args);
  }

  private static Terminal noTerminal() {
    return answering(null);
  }

  private static Terminal answering(String answer) {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return answer != null;
      }

      @Override
      public String ask(String prompt) {
        return answer;
      }
    };
  }

  @Test
  void statusPrintsCountsPerTenantAndTheirJson() {
    append("a");
    fail(append("b"), "order 7 not found");

    Run table = run("status");
    Run json = run("status", "--json");

    assertThat(table.exit()).isZero();
    assertThat(table.out()).contains("TENANT", "acme", "(total)", "no publisher seen");
    assertThat(json.exit()).isZero();
    assertThat(json.json().at("/total/pending").asLong()).isEqualTo(1);
    assertThat(json.json().at("/total/failed").asLong()).isEqualTo(1);
    assertThat(json.json().at("/tenants/0/slug").asText()).isEqualTo("acme");
  }

  @Test
  void failuresListCausesAndRequeueByCauseRequeuesTheGroup() {
    for (int i = 0; i < 3; i++) {
      fail(append("a" + i), "order " + i + " not found");
    }

    JsonNode causes = run("failures", "--json").json();
    String cause = causes.get(0).get("cause").asText();
    Run requeued = run("requeue", "--cause", cause, "--yes", "--json");

    assertThat(causes.get(0).get("count").asLong()).isEqualTo(3);
    assertThat(causes.get(0).get("message").asText()).isEqualTo("order ? not found");
    assertThat(requeued.exit()).isZero();
    assertThat(requeued.json().get("changed").asLong()).isEqualTo(3);
    assertThat(run("status", "--json").json().at("/total/pending").asLong()).isEqualTo(3);
  }

  @Test
  void heldListsTheAggregatesAFailedHeadHoldsBackWithHowManyEventsWait() {
    Event head = append("a");
    append("a");
    append("a");
    append("b");
    fail(head, "order 7 not found");

    JsonNode held = run("held", "--json").json();
    Run table = run("held");

    assertThat(held).hasSize(1);
    assertThat(held.get(0).get("aggregateId").asText()).isEqualTo("a");
    assertThat(held.get(0).get("head").asText()).isEqualTo(head.id().toString());
    assertThat(held.get(0).get("headStatus").asText()).isEqualTo("FAILED");
    assertThat(held.get(0).get("waiting").asLong()).isEqualTo(2);
    assertThat(table.exit()).isZero();
    assertThat(table.out()).contains("User a").contains("order 7 not found");
    assertThat(run("held", "--limit", "0").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aDestructiveCommandWithoutYesAndWithoutATerminalIsRefusedAndChangesNothing() {
    Event failed = append("a");
    fail(failed, "bad");

    Run refused = run("requeue", failed.id().toString());

    assertThat(refused.exit()).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(refused.err()).contains("--yes");
    assertThat(status(failed)).isEqualTo(EventStatus.FAILED);
  }

  @Test
  void aDestructiveCommandAsksOnTheTerminalAndGoesOnOnlyOnYes() {
    Event failed = append("a");
    fail(failed, "bad");

    assertThat(run(answering("n"), "requeue", failed.id().toString()).exit()).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(status(failed)).isEqualTo(EventStatus.FAILED);

    Run agreed = run(answering("y"), "requeue", failed.id().toString());
    assertThat(agreed.exit()).isZero();
    assertThat(agreed.out()).contains("requeued 1 event");
    assertThat(status(failed)).isEqualTo(EventStatus.PENDING);
  }

  @Test
  void requeueOfAnEventThatIsNotFailedIsRefusedWithExitOne() {
    Event pending = append("a");

    Run run = run("requeue", pending.id().toString(), "--yes");

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out()).contains("refused 1");
  }

  @Test
  void eventsAreListedByFilterPageByPage() {
    for (int i = 0; i < 3; i++) {
      append("agg");
    }

    JsonNode first = run("events", "--aggregate-type", "User", "--aggregate-id", "agg", "--limit", "2", "--json").json();
    JsonNode second = run("events", "--limit", "2", "--after", first.get("nextCursor").asText(), "--json").json();

    assertThat(first.get("events")).hasSize(2);
    assertThat(second.get("events")).hasSize(1);
    assertThat(second.get("nextCursor").isNull()).isTrue();
    assertThat(run("events", "--status", "failed").out()).contains("ID").doesNotContain("User/agg");
  }

  @Test
  void showPrintsOneEventInFullAndAnUnknownIdIsExitTwo() {
    Event event = append("a");
    fail(event, "boom");

    Run shown = run("show", event.id().toString());
    Run json = run("show", event.id().toString(), "--json");

    assertThat(shown.exit()).isZero();
    assertThat(shown.out()).contains("{\"n\":1}", "IllegalStateException: boom");
    assertThat(json.json().get("payload").asText()).isEqualTo("{\"n\":1}");
    assertThat(json.json().at("/lastError/message").asText()).isEqualTo("boom");
    Run unknown = run("show", "00000000-0000-0000-0000-00000000abcd");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("unknown event");
  }

  @Test
  void pauseAndResumeATenantBySlug() {
    Run paused = run("pause", "acme", "--reason", "billing outage");
    JsonNode status = run("status", "--json").json();
    Run resumed = run("--tenant", "acme", "resume");

    assertThat(paused.exit()).isZero();
    assertThat(status.at("/tenants/0/paused").asBoolean()).isTrue();
    assertThat(status.at("/paused/0/reason").asText()).isEqualTo("billing outage");
    assertThat(resumed.exit()).isZero();
    assertThat(resumed.out()).contains("resumed");
    assertThat(run("pause", "nobody").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void deleteByIdAndPurgeOfOldPublishedEvents() {
    Event doomed = append("a");
    Event published = append("b");
    outbox.markPublished(List.of(claim(published)));

    assertThat(run("delete", doomed.id().toString(), "--yes").exit()).isZero();
    Run purged = run("purge", "--older-than", "1d", "--yes", "--json");

    assertThat(run("show", doomed.id().toString()).exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(purged.exit()).isZero();
    assertThat(purged.json().get("changed").asLong()).isZero();
  }

  @Test
  void badUsageIsExitTwo() {
    assertThat(run("frobnicate").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("purge", "--older-than", "soon", "--yes").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("requeue", "--yes").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("delete", "not-an-id", "--yes").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("failures", "--limit", "0").exit()).isEqualTo(ExitCodes.USAGE);
    StringWriter err = new StringWriter();
    int noUrl = AdminCli.run(new String[] {"status"}, new PrintWriter(new StringWriter()), new PrintWriter(err), noTerminal(), null);
    assertThat(noUrl).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aDatabaseWithoutTheOutboxIsExitThreeAndSaysToMigrate() {
    StringWriter err = new StringWriter();
    int exit = AdminCli.run(new String[] {"--jdbc-url", TestDatabase.freshUrl(), "status"},
        new PrintWriter(new StringWriter()), new PrintWriter(err), noTerminal(), null);

    assertThat(exit).isEqualTo(ExitCodes.REFUSED);
    assertThat(err.toString()).startsWith("error: the database has no up-to-date outbox in schema message_driven")
        .contains("never migrates");
  }

  @Test
  void aDatabaseThatIsNotThereIsExitFour() {
    StringWriter err = new StringWriter();
    int exit = AdminCli.run(new String[] {"--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none?user=x&connectTimeout=2", "status"},
        new PrintWriter(new StringWriter()), new PrintWriter(err), noTerminal(), null);

    assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString()).startsWith("error: ");
  }

  private EventStatus status(Event event) {
    return new Operations(store.operations()).event(event.id()).record().status();
  }

  private Event append(String aggregateId) {
    Event event = Event.raise(acme.id(), "User", aggregateId, "User.created", "{\"n\":1}", Instant.now());
    store.transactions().inTenant(acme.id(), tx -> {
      tx.outbox().append(event);
      return null;
    });
    return event;
  }

  private void fail(Event event, String message) {
    outbox.markFailed(claim(event), Failure.of(new IllegalStateException(message)));
  }

  private ClaimedEvent claim(Event event) {
    List<ClaimedEvent> claimed = outbox.claim("test", 100, Duration.ofMinutes(1));
    List<ClaimedEvent> others = new ArrayList<>(claimed);
    others.removeIf(c -> c.event().id().equals(event.id()));
    outbox.release(others);
    return claimed.stream().filter(c -> c.event().id().equals(event.id())).findFirst().orElseThrow();
  }
}
