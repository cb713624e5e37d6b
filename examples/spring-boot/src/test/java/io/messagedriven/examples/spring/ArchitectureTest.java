package io.messagedriven.examples.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The sample service uses the library's public API only, and needs neither Jdbi nor the starter's internals. */
@AnalyzeClasses(packages = "io.messagedriven.examples.spring", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule theServiceUsesOnlyPublicApi = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("io.messagedriven..internal..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule theServiceNeedsNoJdbiOrLiquibase = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "liquibase..", "com.zaxxer..")
      .allowEmptyShould(false);
}
