package io.messagedriven.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows of DESIGN.md, checked on the compiled classes of every module. Every rule fails on
 * an empty selection, so a renamed package cannot make one pass vacuously.
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

  private static final String DOMAIN = "io.messagedriven.domain..";
  private static final String APPLICATION = "io.messagedriven.application..";
  private static final String JDBI_ADAPTER = "io.messagedriven.jdbi..";
  private static final String PUBLISHER_ADAPTER = "io.messagedriven.publisher..";
  private static final String EXAMPLES = "io.messagedriven.examples..";

  @ArchTest
  static final ArchRule domainDependsOnTheJdkOnly = classes()
      .that().resideInAPackage(DOMAIN)
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule applicationDependsOnTheDomainOnly = classes()
      .that().resideInAPackage(APPLICATION)
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION)
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule modulesFollowTheArrows = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("Domain").definedBy(DOMAIN)
      .layer("Application").definedBy(APPLICATION)
      .layer("JdbiAdapter").definedBy(JDBI_ADAPTER)
      .layer("PublisherAdapter").definedBy(PUBLISHER_ADAPTER)
      .layer("Examples").definedBy(EXAMPLES)
      .whereLayer("Examples").mayNotBeAccessedByAnyLayer()
      .whereLayer("JdbiAdapter").mayOnlyBeAccessedByLayers("Examples")
      .whereLayer("PublisherAdapter").mayOnlyBeAccessedByLayers("Examples")
      .whereLayer("Application").mayOnlyBeAccessedByLayers("JdbiAdapter", "PublisherAdapter", "Examples")
      .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "JdbiAdapter", "PublisherAdapter", "Examples")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule persistenceLibrariesStayInTheJdbiAdapter = noClasses()
      .that().resideOutsideOfPackages(JDBI_ADAPTER)
      .and().resideOutsideOfPackages("io.messagedriven.examples.bench..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.jdbi..", "liquibase..", "java.sql..", "javax.sql..", "com.zaxxer.hikari..", "org.postgresql..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule rabbitMqClientStaysInItsAdapter = brokerClientOnlyIn("com.rabbitmq..", "io.messagedriven.publisher.rabbitmq..");

  @ArchTest
  static final ArchRule kafkaClientStaysInItsAdapter = brokerClientOnlyIn("org.apache.kafka..", "io.messagedriven.publisher.kafka..");

  @ArchTest
  static final ArchRule natsClientStaysInItsAdapter = brokerClientOnlyIn("io.nats..", "io.messagedriven.publisher.nats..");

  /** A broker client is used by its adapter only (and by the benchmark's direct baselines). */
  private static ArchRule brokerClientOnlyIn(String client, String adapter) {
    return noClasses()
        .that().resideOutsideOfPackages(adapter, "io.messagedriven.examples.bench..")
        .should().dependOnClassesThat().resideInAnyPackage(client)
        .allowEmptyShould(false);
  }

  @ArchTest
  static final ArchRule noCyclesBetweenPackages = slices()
      .matching("io.messagedriven.(**)")
      .should().beFreeOfCycles()
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule examplesUseOnlyPublicApi = noClasses()
      .that().resideInAPackage(EXAMPLES)
      .should().dependOnClassesThat().resideInAPackage("..internal..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule internalPackagesStayInTheirModule = classes()
      .that().resideInAPackage("io.messagedriven.jdbi.internal..")
      .should().onlyBeAccessed().byAnyPackage(JDBI_ADAPTER)
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule publisherInternalsStayInTheirModule = classes()
      .that().resideInAPackage("io.messagedriven.publisher.internal..")
      .should().onlyBeAccessed().byAnyPackage(PUBLISHER_ADAPTER)
      .allowEmptyShould(false);
}
