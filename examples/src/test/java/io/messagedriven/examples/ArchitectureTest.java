package io.messagedriven.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

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
  private static final String ADMIN = "io.messagedriven.admin..";
  private static final String EXAMPLES = "io.messagedriven.examples..";
  private static final String METRICS_ADAPTER = "io.messagedriven.micrometer..";
  private static final String TRACING_ADAPTER = "io.messagedriven.opentelemetry..";

  /** The seed's sample (users), which the outbox must not need. */
  private static final String[] SAMPLE = {
      "io.messagedriven.domain.user..", "io.messagedriven.application.user..", "io.messagedriven.jdbi.user.."};

  @ArchTest
  static final ArchRule theOutboxDoesNotUseTheSample = noClasses()
      .that().resideOutsideOfPackages(SAMPLE)
      .and().resideOutsideOfPackage(EXAMPLES)
      .should().dependOnClassesThat().resideInAnyPackage(SAMPLE)
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule portsNeedOnlyTheOutboxDomain = classes()
      .that().resideInAPackage("io.messagedriven.application.port")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.messagedriven.domain", "io.messagedriven.application.port")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule pagingDoesNotPointAtThePorts = noClasses()
      .that().resideInAPackage("io.messagedriven.application")
      .should().dependOnClassesThat().resideInAnyPackage("io.messagedriven.application.port..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule domainInternalsStayInTheDomain = classes()
      .that().resideInAPackage("io.messagedriven.domain.internal..")
      .should().onlyBeAccessed().byAnyPackage(DOMAIN)
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule applicationInternalsStayInTheApplication = classes()
      .that().resideInAPackage("io.messagedriven.application.internal..")
      .should().onlyBeAccessed().byAnyPackage(APPLICATION)
      .allowEmptyShould(false);

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
      .layer("MetricsAdapter").definedBy(METRICS_ADAPTER)
      .layer("TracingAdapter").definedBy(TRACING_ADAPTER)
      .layer("Admin").definedBy(ADMIN)
      .layer("Examples").definedBy(EXAMPLES)
      .whereLayer("Examples").mayNotBeAccessedByAnyLayer()
      .whereLayer("Admin").mayOnlyBeAccessedByLayers("Examples")
      .whereLayer("MetricsAdapter").mayOnlyBeAccessedByLayers("Examples")
      .whereLayer("TracingAdapter").mayOnlyBeAccessedByLayers("Examples")
      .whereLayer("JdbiAdapter").mayOnlyBeAccessedByLayers("Admin", "Examples")
      .whereLayer("PublisherAdapter").mayOnlyBeAccessedByLayers("MetricsAdapter", "TracingAdapter", "Examples")
      .whereLayer("Application").mayOnlyBeAccessedByLayers(
          "JdbiAdapter", "PublisherAdapter", "MetricsAdapter", "TracingAdapter", "Admin", "Examples")
      .whereLayer("Domain").mayOnlyBeAccessedByLayers(
          "Application", "JdbiAdapter", "PublisherAdapter", "MetricsAdapter", "TracingAdapter", "Admin", "Examples")
      .allowEmptyShould(false);

  /**
   * The command-line programs' DatabaseFailures, and the admin CLI's DatabaseFailure, read the
   * SQLState behind a StoreException for their exit codes; nothing else may.
   */
  private static final String READS_SQL_STATES = "io.messagedriven.examples.DatabaseFailures";
  private static final String ADMIN_READS_SQL_STATES = "io.messagedriven.admin.cli.DatabaseFailure";

  @ArchTest
  static final ArchRule persistenceLibrariesStayInTheJdbiAdapter = noClasses()
      .that().resideOutsideOfPackages(JDBI_ADAPTER)
      .and().resideOutsideOfPackages("io.messagedriven.examples.bench..", "io.messagedriven.examples.service..")
      .and().doNotHaveFullyQualifiedName(READS_SQL_STATES)
      .and().doNotHaveFullyQualifiedName(ADMIN_READS_SQL_STATES)
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.jdbi..", "liquibase..", "java.sql..", "javax.sql..", "com.zaxxer.hikari..", "org.postgresql..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule sqlStatesAreReadThroughJdbcAlone = noClasses()
      .that().haveFullyQualifiedName(READS_SQL_STATES)
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.jdbi..", "liquibase..", "javax.sql..", "com.zaxxer.hikari..", "org.postgresql..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule rabbitMqClientStaysInItsAdapter = brokerClientOnlyIn("com.rabbitmq..", "io.messagedriven.publisher.rabbitmq..");

  @ArchTest
  static final ArchRule kafkaClientStaysInItsAdapter = brokerClientOnlyIn("org.apache.kafka..", "io.messagedriven.publisher.kafka..");

  @ArchTest
  static final ArchRule natsClientStaysInItsAdapter = brokerClientOnlyIn("io.nats..", "io.messagedriven.publisher.nats..");

  /** Micrometer and OpenTelemetry are opt-in: no module but their own (and the examples) needs them. */
  @ArchTest
  static final ArchRule micrometerStaysInItsAdapter = noClasses()
      .that().resideOutsideOfPackages(METRICS_ADAPTER, EXAMPLES)
      .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule openTelemetryStaysInItsAdapter = noClasses()
      .that().resideOutsideOfPackages(TRACING_ADAPTER, EXAMPLES)
      .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
      .allowEmptyShould(false);

  /** A broker client is used by its adapter only (and by the benchmark's direct baselines). */
  private static ArchRule brokerClientOnlyIn(String client, String adapter) {
    return noClasses()
        .that().resideOutsideOfPackages(adapter, "io.messagedriven.examples.bench..")
        .should().dependOnClassesThat().resideInAnyPackage(client)
        .allowEmptyShould(false);
  }

  /**
   * A package and its {@code internal} package are one slice: the internals implement their
   * parent package (and throw its exception types), so they may point at each other; any other
   * cycle fails.
   */
  @ArchTest
  static final ArchRule noCyclesBetweenPackages = slices()
      .assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String name = javaClass.getPackageName();
          if (!name.startsWith("io.messagedriven.")) {
            return SliceIdentifier.ignore();
          }
          return SliceIdentifier.of(name.replaceFirst("\\.internal(\\..*)?$", ""));
        }

        @Override
        public String getDescription() {
          return "packages of io.messagedriven, each with its internal package";
        }
      })
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
