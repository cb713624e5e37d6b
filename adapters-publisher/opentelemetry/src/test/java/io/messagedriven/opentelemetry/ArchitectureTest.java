package io.messagedriven.opentelemetry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The tracing module needs the outbox's public API and the OpenTelemetry API only: no SDK, no
 * database, no broker client; its internals serve its own public class.
 */
@AnalyzeClasses(packages = "io.messagedriven.opentelemetry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule needsTheOutboxAndTheOpenTelemetryApiOnly = classes()
      .that().resideInAPackage("io.messagedriven.opentelemetry..")
      .should().onlyDependOnClassesThat().resideInAnyPackage(
          "java..", "io.messagedriven.domain", "io.messagedriven.application.port", "io.messagedriven.publisher",
          "io.messagedriven.opentelemetry..", "io.opentelemetry.api..", "io.opentelemetry.context..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule internalsServeThisModule = classes()
      .that().resideInAPackage("io.messagedriven.opentelemetry.internal..")
      .should().onlyBeAccessed().byAnyPackage("io.messagedriven.opentelemetry..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule theSdkIsForTestsOnly = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
      .that().resideInAPackage("io.messagedriven.opentelemetry..")
      .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry.sdk..")
      .allowEmptyShould(false);
}
