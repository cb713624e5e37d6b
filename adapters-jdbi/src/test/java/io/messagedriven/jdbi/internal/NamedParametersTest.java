package io.messagedriven.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamedParametersTest {

  @Test
  void eachNamedParameterBecomesAPositionalOneAndCastsStayCasts() {
    PublishingStatements.Named sql = new PublishingStatements.Named(
        "select e.payload::text from t where id = any (:ids) and owner = :owner and until < now() + :lease * 2"
            + " and since > :lease and (:unflushed)");

    assertThat(sql.sql()).isEqualTo(
        "select e.payload::text from t where id = any (?) and owner = ? and until < now() + ? * 2"
            + " and since > ? and (?)");
  }
}
