package io.messagedriven.admin.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.port.StoreException;
import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.TenantId;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The admin command line of the outbox: {@code status}, {@code failures}, {@code events}, {@code
 * show}, {@code requeue}, {@code delete}, {@code pause}, {@code resume}, {@code purge} and {@code
 * dashboard} (the web dashboard, until stopped), on the database given by {@code --jdbc-url}. Tables for people by default, {@code --json} for scripts.
 * Destructive commands ({@code requeue}, {@code delete}, {@code purge}) ask for confirmation on
 * the terminal unless {@code --yes}, and are refused without a terminal to ask on.
 *
 * <p>Exit codes ({@link ExitCodes}): {@value ExitCodes#OK} done; {@value ExitCodes#FAILED} done in
 * part (a bulk change refused some events or stopped at its bound), or an unexpected error;
 * {@value ExitCodes#USAGE} a bad command, option or value, or an unknown tenant or event; {@value
 * ExitCodes#REFUSED} the database refuses the settings (unknown database or role, wrong password,
 * a role that cannot read every tenant's events); {@value ExitCodes#UNREACHABLE} the database is
 * down or unreachable; {@value ExitCodes#NOT_CONFIRMED} a destructive command was not confirmed.
 */
@Command(
    name = "message-driven-admin",
    mixinStandardHelpOptions = true,
    version = "message-driven-admin 0.1.0",
    description = "Operate the message-driven outbox: see what it holds, requeue, delete, pause.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:done in part (events refused or more left), or an unexpected error",
        "2:bad command, option or value; unknown tenant or event",
        "3:the database refuses the settings",
        "4:the database is down or unreachable",
        "5:a destructive command was not confirmed"},
    subcommands = {
        StatusCommand.class,
        FailuresCommand.class,
        HeldCommand.class,
        EventsCommand.class,
        ShowCommand.class,
        RequeueCommand.class,
        DeleteCommand.class,
        PauseCommand.class,
        ResumeCommand.class,
        PurgeCommand.class,
        DashboardCommand.class,
        CommandLine.HelpCommand.class})
public final class AdminCli {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--jdbc-url", scope = ScopeType.INHERIT, defaultValue = "${env:MESSAGE_DRIVEN_JDBC_URL}",
      description = "The database, such as jdbc:postgresql://host:5432/app?user=ops. "
          + "Default: the environment variable MESSAGE_DRIVEN_JDBC_URL.")
  String jdbcUrl;

  @Option(names = "--user", scope = ScopeType.INHERIT, description = "The database user, unless the URL names one.")
  String user;

  @Option(names = "--schema", scope = ScopeType.INHERIT, defaultValue = "message_driven",
      description = "The schema of the outbox's tables. Default: ${DEFAULT-VALUE}.")
  String schema;

  @Option(names = "--tenant", scope = ScopeType.INHERIT,
      description = "One tenant only, by slug or id. Default: every tenant.")
  String tenant;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON for scripts instead of tables.")
  boolean json;

  private final Terminal terminal;
  private final String password;
  private PrintWriter out;
  private PrintWriter err;

  /** A command line that asks for confirmation on {@code terminal} and reads the password from {@code password} (may be null). */
  AdminCli(Terminal terminal, String password) {
    this.terminal = Objects.requireNonNull(terminal, "terminal");
    this.password = password;
  }

  /** Runs the command line and exits with its code. The password comes from the environment variable MESSAGE_DRIVEN_PASSWORD. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err, Terminal.system(), System.getenv("MESSAGE_DRIVEN_PASSWORD")));
  }

  /**
   * Runs the command line with {@code args}, printing on {@code out} and {@code err}, asking on
   * {@code terminal}; returns the exit code.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Terminal terminal, String password) {
    AdminCli cli = new AdminCli(terminal, password);
    cli.out = out;
    cli.err = err;
    CommandLine line = new CommandLine(cli);
    line.setOut(out);
    line.setErr(err);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setExecutionExceptionHandler((failure, command, parsed) -> cli.failed(failure));
    return line.execute(args);
  }

  private int failed(Exception failure) {
    if (failure instanceof DomainException || failure instanceof IllegalArgumentException) {
      return error(ExitCodes.USAGE, failure.getMessage());
    }
    if (failure instanceof StoreException && DatabaseFailure.schemaMissing(failure)) {
      return error(ExitCodes.REFUSED, "the database has no up-to-date outbox in schema " + schema
          + " (the CLI never migrates: start a publisher or PostgresStore with migrations on, or run them yourself,"
          + " or pass --schema): " + failure.getMessage());
    }
    if (failure instanceof StoreException) {
      return error(DatabaseFailure.exitCode(failure), failure.getMessage());
    }
    if (failure instanceof IllegalStateException) {
      return error(ExitCodes.REFUSED, failure.getMessage());
    }
    err.println("error: unexpected " + failure);
    failure.printStackTrace(err);
    return ExitCodes.FAILED;
  }

  int error(int code, String problem) {
    err.println("error: " + String.valueOf(problem).strip().replaceAll("\\s*[\\r\\n]+\\s*", " "));
    err.flush();
    return code;
  }

  /** Opens the store the global options name. */
  Session open() {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--jdbc-url is required (or the environment variable MESSAGE_DRIVEN_JDBC_URL)");
    }
    return new Session(jdbcUrl, user, password, schema);
  }

  /** The tenant of {@code --tenant}, or null for every tenant. */
  TenantId tenant(Operations operations) {
    return tenant == null ? null : operations.tenant(tenant);
  }

  boolean json() {
    return json;
  }

  Terminal terminal() {
    return terminal;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  /** Prints {@code value} as JSON on standard output. */
  void printJson(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
