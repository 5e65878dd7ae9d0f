package io.parcelbell.ingest;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.parcelbell", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule ingestUsesNoOtherService =
      noClasses()
          .that()
          .resideInAPackage("io.parcelbell.ingest..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.parcelbell.notifier..", "io.parcelbell.report..", "io.parcelbell.localstack..");

  @ArchTest
  static final ArchRule ingestUsesOnlyTheSharedContracts =
      noClasses()
          .that()
          .resideInAPackage("io.parcelbell.ingest..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.parcelbell..")
                  .and(
                      not(
                          resideInAnyPackage(
                              "io.parcelbell.ingest..", "io.parcelbell.contracts.."))));

  @ArchTest
  static final ArchRule nothingReadsTheSystemClock =
      noClasses()
          .that()
          .resideInAPackage("io.parcelbell.ingest..")
          .should()
          .callMethod(java.time.Instant.class, "now")
          .because("time comes from the injected Clock");
}
