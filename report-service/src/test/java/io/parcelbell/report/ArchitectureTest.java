package io.parcelbell.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** report-service talks to the other services only through shared-contracts (and Kafka). */
@AnalyzeClasses(packages = "io.parcelbell", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlySharedContracts =
      noClasses()
          .that()
          .resideInAPackage("io.parcelbell.report..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.parcelbell.ingest..", "io.parcelbell.notifier..", "io.parcelbell.localstack..");

  @ArchTest
  static final ArchRule queriesDoNotWrite =
      noClasses()
          .that()
          .resideInAPackage("io.parcelbell.report.query..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.parcelbell.report.settlement..", "io.parcelbell.report.intake..");
}
