package io.messagedriven.publisher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.StoreException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class RetriedFailureTest {
  private static final StoreException DATABASE_DOWN = new StoreException(
      "claiming events: the database is down, unreachable or dropped the connection: Connection to 127.0.0.1:1 refused",
      new SQLException("Connection to 127.0.0.1:1 refused", "08001", new ConnectException("Connection refused")));

  @Test
  void aStoreExceptionIsOneWarnLineWithItsCauseAndItsStackTraceOnlyAtDebug() {
    RecordingLogger log = new RecordingLogger(true);

    RetriedFailure.warn(log, DATABASE_DOWN, "publisher {} cannot claim, retrying in {} ms", "p-1", 2000);

    String line = "publisher p-1 cannot claim, retrying in 2000 ms: claiming events: the database is down, "
        + "unreachable or dropped the connection: Connection to 127.0.0.1:1 refused "
        + "(cause: ConnectException: Connection refused)";
    assertThat(log.events).containsExactly(new Logged(Level.WARN, line, null), new Logged(Level.DEBUG, line, DATABASE_DOWN));
  }

  @Test
  void withDebugOffAStoreExceptionIsTheWarnLineAlone() {
    RecordingLogger log = new RecordingLogger(false);

    RetriedFailure.warn(log, DATABASE_DOWN, "publisher {} cannot purge published events, trying again later", "p-1");

    assertThat(log.events).singleElement().satisfies(event -> {
      assertThat(event.level()).isEqualTo(Level.WARN);
      assertThat(event.thrown()).isNull();
      assertThat(event.message()).startsWith("publisher p-1 cannot purge published events, trying again later: claiming");
    });
  }

  @Test
  void anythingElseKeepsItsStackTraceAtWarn() {
    RecordingLogger log = new RecordingLogger(false);
    IllegalStateException bug = new IllegalStateException("no claim without an owner");

    RetriedFailure.warn(log, bug, "publisher {} cannot claim", "p-1");

    assertThat(log.events).containsExactly(new Logged(Level.WARN,
        "publisher p-1 cannot claim: java.lang.IllegalStateException: no claim without an owner", bug));
  }

  @Test
  void bracesInAMessageAreKeptAsTheyAre() {
    RecordingLogger log = new RecordingLogger(true);

    RetriedFailure.warn(log, new StoreException("reading {}: {} refused", null), "publisher {} cannot claim", "p-1");

    assertThat(log.events).extracting(Logged::message).containsOnly("publisher p-1 cannot claim: reading {}: {} refused");
  }

  @Test
  void aMessageOverSeveralLinesIsJoinedIntoOne() {
    StoreException multiLine = new StoreException("recording outcomes: ERROR: boom\n  Detail: more\r\n  Hint: less", null);

    assertThat(RetriedFailure.oneLine(multiLine)).isEqualTo("recording outcomes: ERROR: boom Detail: more Hint: less");
  }

  @Test
  void anErrorWithoutAMessageIsNamedWithItsCause() {
    StoreException bare = new StoreException(null, new ConnectException("Connection refused"));

    assertThat(RetriedFailure.oneLine(bare)).isEqualTo("StoreException (cause: Connection refused)");
    assertThat(RetriedFailure.oneLine(new ConnectException())).isEqualTo("java.net.ConnectException");
  }

  @Test
  void aRootCauseAlreadyInTheMessageIsNotRepeated() {
    StoreException store = new StoreException("claiming events: Connection refused", new ConnectException("Connection refused"));

    assertThat(RetriedFailure.oneLine(store)).isEqualTo("claiming events: Connection refused");
  }

  @Test
  void causesThatFormACycleEndTheSearchForTheRoot() {
    Exception first = new Exception("first");
    Exception second = new Exception("second", first);
    first.initCause(second);

    assertThat(RetriedFailure.oneLine(new StoreException("reading", first))).startsWith("reading (cause: Exception: ");
  }

  record Logged(Level level, String message, Throwable thrown) {}

  /** Keeps what is logged to it; WARN and above always, DEBUG when told. */
  static final class RecordingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    final transient List<Logged> events = new ArrayList<>();
    private final boolean debug;

    RecordingLogger(boolean debug) {
      this.debug = debug;
      this.name = "test";
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return debug;
    }

    @Override
    public boolean isInfoEnabled() {
      return debug;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
        Throwable throwable) {
      events.add(new Logged(level, MessageFormatter.basicArrayFormat(pattern, arguments), throwable));
    }
  }
}
