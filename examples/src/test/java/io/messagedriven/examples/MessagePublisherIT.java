package io.messagedriven.examples;

import io.messagedriven.jdbi.user.PostgresUsers;
import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.publisher.testing.RequiresServer;
import io.messagedriven.publisher.testing.TcpForwarder;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MessagePublisherIT {

  @RequiresServer(name = "NATS JetStream", port = 4222, howToRun = "nats-server -js -p 4222")
  @Test
  void publishesEveryEventToEveryTargetNamed() throws Exception {
    String token = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    String stream = "MD_TEST_" + token;
    String url = TestDatabase.freshUrl();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    try (Connection nats = Nats.connect("nats://127.0.0.1:4222"); PostgresStore store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build()) {
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(stop, output,
          "--jdbc-url", url, "--target", "log,nats", "--nats-subject-prefix", "mdtest" + token + ".", "--nats-stream", stream));
      TenantId tenant = new CreateTenant(store.transactions(), Clock.systemUTC())
          .handle(new CreateTenantCommand("t-" + token, "Tenant")).id();
      CreateUser createUser = new CreateUser(store.transactions(), new PostgresUsers(), Clock.systemUTC());
      for (int i = 0; i < 3; i++) {
        createUser.handle(CreateUserCommand.of(tenant, "user" + i + "@example.com", "User " + i));
      }

      JetStreamManagement streams = nats.jetStreamManagement();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (storedIn(streams, stream) < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      stop.countDown();

      assertThat(exit.get(30, TimeUnit.SECONDS)).as(output.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(storedIn(streams, stream)).isEqualTo(3);
      assertThat(streams.getMessage(stream, 1).getSubject()).isEqualTo("mdtest" + token + ".User.created");
      assertThat(output.toString(StandardCharsets.UTF_8)).contains("to log, nats").contains("Stopped cleanly.");
      streams.deleteStream(stream);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--target kafak | --target must be one or more of log,rabbitmq,kafka,nats,webhook, was kafak",
      "--target log,log | --target names log twice",
      "--target webhook | --target webhook: url is required, was null",
      "--target webhook --webhook-url http://127.0.0.1:1/x | --target webhook: secret is required",
      "--target rabbitmq --rabbitmq-uri http://x | --target rabbitmq: uri must be an amqp:// or amqps:// URI, was http://x",
      "--target kafka --kafka-bootstrap nohost | --target kafka: bootstrapServers must be host:port",
      "--target nats --nats-subject-prefix events | --target nats: subjectPrefix must be empty or tokens ending with a dot",
      "--batch-size 0 | --batch-size: batchSize must be 1 to 10000, was 0",
      "--batch-size 10 --max-in-flight 5 | --max-in-flight: maxInFlight must be batchSize (10) to 100000, was 5",
      "--lease 0s | --lease: lease must be 1s to 1d, was PT0S",
      "--poll-interval soon | Invalid value for option '--poll-interval': 'soon' is not a duration such as 500ms",
      "--keep-published 10s | --keep-published: keepPublished must be 1min to 3650d, was PT10S",
      "--retry-jitter 2 | --retry-jitter: jitter must be in [0, 1), was 2.0",
      "--max-attempts 0 | --max-attempts: maxAttempts must be 1 to 10000, was 0",
      "--target kafka --kafka-property acks=0 | --target kafka: producerProperty acks is fixed",
      "--target webhook --webhook-url http://127.0.0.1:1/x --webhook-secret s --webhook-max-concurrent 0 | --target webhook: maxConcurrentRequests must be",
      "--target kafka --kafka-key id | --target kafka: --kafka-key must be aggregate or aggregate-id, was id",
      "--nats-urls x | Unknown options: '--nats-urls', 'x'",
      "--nats-urls | Unknown option: '--nats-urls'"})
  void badFlagValuesAreOneLineOnStderrAndExitCode2(String flags, String error) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    String[] args = ("--jdbc-url jdbc:postgresql://127.0.0.1:1/none " + flags).split(" ");
    int code = run(new CountDownLatch(0), output, errors, args);

    assertThat(code).isEqualTo(2);
    assertThat(errors.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("error: " + error).endsWith("(--help lists the flags)");
    assertThat(output.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "/md_test_     | /md_missing_     | the database does not exist",
      "user=postgres | user=nobody_here | the role does not exist"})
  void settingsTheDatabaseRefusesAreOneLineOnStderrAndExitCode3(String part, String replacement, String problem) {
    String refused = TestDatabase.freshUrl().replace(part, replacement);
    try (ProgramRun publisher = ProgramRun.start(MessagePublisher.class, "--jdbc-url", refused)) {
      publisher.assertFailsInOneLine(3, replacement, problem);
    }
  }

  @Test
  void aJdbcUrlTheDriverCannotParseIsOneLineOnStderrAndExitCode2() {
    try (ProgramRun publisher = ProgramRun.start(MessagePublisher.class,
        "--jdbc-url", "jdbc:postgresql://127.0.0.1:notaport/app?user=app&password=secret")) {
      publisher.assertFailsInOneLine(2, "--jdbc-url must be a JDBC URL the PostgreSQL driver accepts", "password=***");
      assertThat(publisher.err()).doesNotContain("secret");
    }
  }

  /**
   * The database is first a closed port (a forwarder that is stopped), then the forwarder opens
   * onto the real PostgreSQL: the publisher says once per try that it waits, then publishes what
   * the outbox holds, and exits 0 on SIGTERM.
   */
  @Test
  void aDatabaseThatIsNotThereIsWaitedForWithOneLinePerTryThenPublishedFromAndSigtermExits0() {
    String url = TestDatabase.freshUrl();
    String userId;
    try (PostgresStore store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build()) {
      TenantId tenant = new CreateTenant(store.transactions(), Clock.systemUTC())
          .handle(new CreateTenantCommand("waited", "Waited")).id();
      userId = new CreateUser(store.transactions(), new PostgresUsers(), Clock.systemUTC())
          .handle(CreateUserCommand.of(tenant, "ada@example.com", "Ada")).id().toString();
    }
    try (TcpForwarder database = TcpForwarder.start(portOf(url))) {
      database.stop();
      try (ProgramRun publisher = ProgramRun.start(MessagePublisher.class,
          "--jdbc-url", url.replace(":" + portOf(url) + "/", ":" + database.port() + "/"), "--target", "log")) {
        publisher.awaitErr("two tries", Duration.ofSeconds(30), err -> tries(err) >= 2);

        assertThat(publisher.isAlive()).as("%s", publisher).isTrue();
        assertThat(publisher.errLines()).as("%s", publisher).allSatisfy(line -> assertThat(line)
            .contains("WARN", "the database is not reachable, trying again in ",
                "the database is down, unreachable or dropped the connection"));
        assertThat(publisher.err()).contains("trying again in 1 s").contains("trying again in 2 s");

        database.resume();
        publisher.awaitErr("the user's event published", Duration.ofSeconds(30),
            err -> err.contains("User.created id=") && err.contains(userId));
        publisher.terminate();

        assertThat(publisher.exitCode(Duration.ofSeconds(60))).as("%s", publisher).isZero();
        assertThat(publisher.out()).contains("Publishing from", "Stopped cleanly.");
        assertThat(publisher.err()).as("no stack trace").doesNotContain("\tat ", "Exception");
      }
    }
  }

  @Test
  void sigtermWhileWaitingForTheDatabaseExits0() {
    try (ProgramRun publisher = ProgramRun.start(MessagePublisher.class,
        "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + TcpForwarder.freePort() + "/app?user=app")) {
      publisher.awaitErr("a first try", Duration.ofSeconds(30), err -> tries(err) >= 1);
      publisher.terminate();

      assertThat(publisher.exitCode(Duration.ofSeconds(30))).as("%s", publisher).isZero();
      assertThat(publisher.out()).contains("Stopped before the database could be reached.");
    }
  }

  private static long tries(String err) {
    return err.lines().filter(line -> line.contains("the database is not reachable, trying again in")).count();
  }

  private static int portOf(String url) {
    Matcher port = Pattern.compile("//[^/:]+:(\\d+)/").matcher(url);
    if (!port.find()) {
      throw new IllegalArgumentException("no port in " + url);
    }
    return Integer.parseInt(port.group(1));
  }

  private static int run(CountDownLatch stop, ByteArrayOutputStream output, String... args) {
    return run(stop, output, output, args);
  }

  private static int run(CountDownLatch stop, ByteArrayOutputStream output, ByteArrayOutputStream errors, String... args) {
    try {
      return MessagePublisher.run(args, new PrintStream(output, true, StandardCharsets.UTF_8),
          new PrintStream(errors, true, StandardCharsets.UTF_8), stop, false);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long storedIn(JetStreamManagement streams, String stream) {
    try {
      return streams.getStreamInfo(stream).getStreamState().getMsgCount();
    } catch (Exception notYet) {
      return 0;
    }
  }
}
