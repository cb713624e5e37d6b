package io.messagedriven.jdbi.internal;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizer;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizerFactory;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizingAnnotation;
import org.postgresql.PGStatement;

/**
 * Has PostgreSQL plan the statement at every execution, against the table as it is then,
 * instead of reusing the plan a connection prepared once (the driver prepares a statement on the
 * server after a few executions, and the server may then keep one generic plan).
 *
 * <p>For statements that join an array of ids to the outbox table: a generic plan prepared
 * while the table was empty or nearly so (a new outbox, one just emptied, before autovacuum
 * analyzed it) scans the whole table, and is kept as the table grows, until the next analyze.
 * Planning them costs a tenth of a millisecond. A connection that is not the PostgreSQL driver's,
 * or does not unwrap to it, is left as it is.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@SqlStatementCustomizingAnnotation(PlannedEachTime.Factory.class)
@interface PlannedEachTime {

  /** Sets the statement's prepare threshold to 0: the driver then sends it unprepared each time. */
  final class Factory implements SqlStatementCustomizerFactory {
    private static final StatementCustomizer UNPREPARED = new StatementCustomizer() {
      @Override
      public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
        unprepared(statement);
      }
    };

    /** Has the driver send {@code statement} unprepared, so the server plans it at each execution. */
    static void unprepared(PreparedStatement statement) throws SQLException {
      if (statement.isWrapperFor(PGStatement.class)) {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
      }
    }

    @Override
    public SqlStatementCustomizer createForMethod(Annotation annotation, Class<?> sqlObjectType, Method method) {
      return statement -> statement.addCustomizer(UNPREPARED);
    }
  }
}
