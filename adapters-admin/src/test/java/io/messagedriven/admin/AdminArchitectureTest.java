package io.messagedriven.admin;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The admin module stands on the public API: the operations facade and {@code PostgresStore}, nothing internal. */
@AnalyzeClasses(packages = "io.messagedriven.admin", importOptions = ImportOption.DoNotIncludeTests.class)
class AdminArchitectureTest {

  /** Other modules' internals, that is: the module's own internal packages are its implementation. */
  @ArchTest
  static final ArchRule usesNoInternals = noClasses()
      .that().resideInAPackage("io.messagedriven.admin..")
      .should().dependOnClassesThat(resideInAPackage("io.messagedriven..internal..")
          .and(not(resideInAnyPackage("io.messagedriven.admin.internal..", "io.messagedriven.admin.dashboard.internal.."))))
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule dashboardInternalsStayInTheDashboard = classes()
      .that().resideInAPackage("io.messagedriven.admin.dashboard.internal..")
      .should().onlyBeAccessed().byAnyPackage("io.messagedriven.admin.dashboard..")
      .allowEmptyShould(false);

  /** The dashboard shows and changes the outbox through the operations facade alone, never the store. */
  @ArchTest
  static final ArchRule theDashboardUsesTheOperationsOnly = noClasses()
      .that().resideInAPackage("io.messagedriven.admin.dashboard..")
      .should().dependOnClassesThat().resideInAnyPackage("io.messagedriven.jdbi..", "io.messagedriven.publisher..")
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
