package io.parcelbell.flow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** flow-service talks to the other services only through shared-contracts (and Kafka). */
@AnalyzeClasses(packages = "io.parcelbell", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlySharedContracts =
      noClasses()
          .that()
          .resideInAPackage("io.parcelbell.flow..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.parcelbell.ingest..",
              "io.parcelbell.notifier..",
              "io.parcelbell.report..",
              "io.parcelbell.localstack..");

  @ArchTest
  static final ArchRule templatesKnowNothingOfRunsOrDeliveries =
      noClasses()
          .that()
          .resideInAnyPackage("io.parcelbell.flow.templates..", "io.parcelbell.flow.filters..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.parcelbell.flow.runs..",
              "io.parcelbell.flow.delivery..",
              "io.parcelbell.flow.destinations..");
}
