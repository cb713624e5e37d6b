package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One of the examples' command-line programs run in a JVM of its own, as a user runs it: its
 * stdout and stderr are kept, its exit code awaited, and it can be sent SIGTERM. The JVM gets the
 * tests' class path, and logs the events a {@code log} target handles.
 */
final class ProgramRun implements AutoCloseable {
  private final String name;
  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  private final List<Thread> keepers;

  private ProgramRun(String name, Process process) {
    this.name = name;
    this.process = process;
    this.keepers = List.of(keep(process.getInputStream(), out, name + "-stdout"),
        keep(process.getErrorStream(), err, name + "-stderr"));
  }

  static ProgramRun start(Class<?> program, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
        "-Dorg.slf4j.simpleLogger.log.io.messagedriven.publisher.events=info",
        "-cp", System.getProperty("java.class.path"), program.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(Database.URL_VARIABLE);
    try {
      return new ProgramRun(program.getSimpleName(), builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + program.getName(), e);
    }
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  List<String> errLines() {
    return err().lines().filter(line -> !line.isBlank()).toList();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code condition} holds for stderr, or fails saying what was printed. */
  void awaitErr(String what, Duration timeout, Predicate<String> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(err())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; " + this);
      }
      sleep();
    }
  }

  /**
   * Sends SIGTERM, as {@code kill} or a container runtime stopping it does. Through the process
   * handle: {@link Process#destroy()} would also close the pipes, losing what it prints as it stops.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  /** The exit code, once the program ends within {@code timeout}. */
  int exitCode(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " still runs after " + timeout + "; " + this);
      }
      for (Thread keeper : keepers) {
        keeper.join(5_000); // the last lines
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + name, e);
    }
  }

  /**
   * Asserts that the program ends within a minute with {@code exitCode}, having printed one line
   * on stderr: {@code error: } and then each of {@code texts}, in order.
   */
  void assertFailsInOneLine(int exitCode, String... texts) {
    assertThat(exitCode(Duration.ofMinutes(1))).as("%s", this).isEqualTo(exitCode);
    assertThat(errLines()).as("%s", this).singleElement().asString().startsWith("error: ").containsSubsequence(texts);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  @Override
  public String toString() {
    return name + " printed:\n--- stdout\n" + out() + "--- stderr\n" + err();
  }

  private static Thread keep(InputStream stream, StringBuffer into, String thread) {
    Thread keeper = new Thread(() -> {
      char[] buffer = new char[8192];
      try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
        int read;
        while ((read = reader.read(buffer)) >= 0) {
          into.append(buffer, 0, read);
        }
      } catch (IOException ended) {
        // the process is gone
      }
    }, thread);
    keeper.setDaemon(true);
    keeper.start();
    return keeper;
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
