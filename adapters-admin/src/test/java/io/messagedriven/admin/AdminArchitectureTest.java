package io.messagedriven.admin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The admin module stands on the public API: the operations facade and {@code PostgresStore}, nothing internal. */
@AnalyzeClasses(packages = "io.messagedriven.admin", importOptions = ImportOption.DoNotIncludeTests.class)
class AdminArchitectureTest {

  @ArchTest
  static final ArchRule usesNoInternals = noClasses()
      .that().resideInAPackage("io.messagedriven.admin..")
      .should().dependOnClassesThat().resideInAPackage("io.messagedriven..internal..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule persistenceStaysBehindTheStore = noClasses()
      .that().resideInAPackage("io.messagedriven.admin..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.jdbi..", "liquibase..", "javax.sql..", "com.zaxxer.hikari..", "org.postgresql..")
      .allowEmptyShould(false);

  /** DatabaseFailure reads the SQLState behind a StoreException for the exit code; nothing else touches JDBC. */
  @ArchTest
  static final ArchRule jdbcOnlyForExitCodes = noClasses()
      .that().resideInAPackage("io.messagedriven.admin..")
      .and().doNotHaveFullyQualifiedName("io.messagedriven.admin.cli.DatabaseFailure")
      .should().dependOnClassesThat().resideInAPackage("java.sql..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule theCliDoesNotNeedTheSample = noClasses()
      .that().resideInAPackage("io.messagedriven.admin..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.messagedriven.domain.user..", "io.messagedriven.application.user..", "io.messagedriven.jdbi.user..")
      .allowEmptyShould(false);
}
