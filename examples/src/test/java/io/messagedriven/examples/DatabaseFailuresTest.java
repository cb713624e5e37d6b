package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.StoreException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

  private static StoreException store(Throwable cause) {
    return new StoreException("cannot start the store", cause);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3D000", "28P01", "28000", "42501", "0A000", "22023"})
  void settingsTheDatabaseRefusesAreNotWorthWaitingFor(String sqlState) {
    assertThat(DatabaseFailures.waitingHelps(store(new SQLException("FATAL: refused", sqlState)))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"08001", "08006", "08P01", "57P01", "57P03", "53300", "58030"})
  void aDatabaseDownUnreachableStartingOrFullIsWorthWaitingFor(String sqlState) {
    assertThat(DatabaseFailures.waitingHelps(store(new SQLException("no connection", sqlState)))).isTrue();
  }

  @Test
  void theFirstSqlStateInTheCausesDecides() {
    SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException("request timed out", null,
        new SQLException("FATAL: database \"x\" does not exist", "3D000"));
    SQLException refused = new SQLException("Connection refused", "08001", new ConnectException("Connection refused"));

    assertThat(DatabaseFailures.waitingHelps(store(poolTimeout))).isFalse();
    assertThat(DatabaseFailures.waitingHelps(store(new RuntimeException(refused)))).isTrue();
  }

  @Test
  void withoutASqlStateAnIoErrorAmongTheCausesIsWorthWaitingFor() {
    assertThat(DatabaseFailures.waitingHelps(store(new UnknownHostException("db.internal")))).isTrue();
    assertThat(DatabaseFailures.waitingHelps(store(new RuntimeException(new EOFException())))).isTrue();
    assertThat(DatabaseFailures.waitingHelps(store(new IllegalStateException("checksum changed")))).isFalse();
    assertThat(DatabaseFailures.waitingHelps(store(null))).isFalse();
  }

  @Test
  void aUrlTheDriverParsesIsNotMalformed() {
    assertThat(DatabaseFailures.malformed("jdbc:postgresql://127.0.0.1:5432/app?user=app")).isEmpty();
    assertThat(DatabaseFailures.malformed("jdbc:postgresql://db-1,db-2:5433/app")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:notaport/app", "not-a-url", "jdbc:mysql://127.0.0.1/app",
      "postgresql://127.0.0.1/app"})
  void aUrlTheDriverCannotParseIsMalformedAndShownWithoutItsPassword(String url) {
    assertThat(DatabaseFailures.malformed(url + (url.contains("?") ? "&" : "?") + "password=secret"))
        .hasValueSatisfying(problem -> assertThat(problem)
            .startsWith("--jdbc-url must be a JDBC URL the PostgreSQL driver accepts")
            .contains("password=***").doesNotContain("secret"));
  }
}
