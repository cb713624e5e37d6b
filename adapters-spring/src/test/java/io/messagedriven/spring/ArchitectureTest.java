package io.messagedriven.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The starter's arrows: Spring appears in this module only, never in the core modules it wires;
 * it uses their public API only; its own implementation stays in {@code spring.internal}.
 */
@AnalyzeClasses(
    packages = "io.messagedriven",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

  /** Test helpers shipped in test jars (such as the jdbi module's TestDatabase) are not product code. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }

  private static final String STARTER = "io.messagedriven.spring..";

  @ArchTest
  static final ArchRule theCoreModulesStayFreeOfSpring = noClasses()
      .that().resideInAPackage("io.messagedriven..")
      .and().resideOutsideOfPackage(STARTER)
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule theStarterUsesOnlyThePublicApiOfTheOtherModules = noClasses()
      .that().resideInAPackage(STARTER)
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.messagedriven.domain.internal..", "io.messagedriven.application.internal..",
          "io.messagedriven.jdbi.internal..", "io.messagedriven.publisher.internal..", "io.messagedriven.publisher..internal..",
          "io.messagedriven.micrometer.internal..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule theStarterDoesNotUseTheSample = noClasses()
      .that().resideInAPackage(STARTER)
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.messagedriven.domain.user..", "io.messagedriven.application.user..", "io.messagedriven.jdbi.user..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule theStarterNeedsNoJdbiOfItsOwn = noClasses()
      .that().resideInAPackage(STARTER)
      .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "liquibase..", "com.zaxxer..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule theStartersInternalsStayInTheStarter = classes()
      .that().resideInAPackage("io.messagedriven.spring.internal..")
      .should().onlyBeAccessed().byAnyPackage(STARTER)
      .allowEmptyShould(false);
}
