package io.messagedriven.micrometer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The metrics module needs the outbox's public API and Micrometer only: no database, no broker
 * client; its internals serve its own public class.
 */
@AnalyzeClasses(packages = "io.messagedriven.micrometer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule needsTheOutboxAndMicrometerOnly = classes()
      .that().resideInAPackage("io.messagedriven.micrometer..")
      .should().onlyDependOnClassesThat().resideInAnyPackage(
          "java..", "io.messagedriven.domain", "io.messagedriven.application..", "io.messagedriven.publisher",
          "io.messagedriven.micrometer..", "io.micrometer.core.instrument..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule internalsServeThisModule = classes()
      .that().resideInAPackage("io.messagedriven.micrometer.internal..")
      .should().onlyBeAccessed().byAnyPackage("io.messagedriven.micrometer..")
      .allowEmptyShould(false);
}
