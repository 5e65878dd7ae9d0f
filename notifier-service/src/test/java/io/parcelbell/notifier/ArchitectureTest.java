package io.parcelbell.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.parcelbell.notifier",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Services talk through Kafka and shared-contracts only. */
  @ArchTest
  static final ArchRule noOtherServicePackages =
      noClasses()
          .that()
          .resideInAPackage("io.parcelbell.notifier..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.parcelbell.ingest..", "io.parcelbell.report..", "io.parcelbell.localstack..");

  /** The provider adapter knows nothing of how notifications are decided. */
  @ArchTest
  static final ArchRule bizgoIsAnAdapter =
      noClasses()
          .that()
          .resideInAPackage("io.parcelbell.notifier.bizgo..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.parcelbell.notifier.notification..",
              "io.parcelbell.notifier.claims..",
              "io.parcelbell.notifier.quiethours..",
              "io.parcelbell.notifier.attempts..",
              "io.parcelbell.notifier.lifecycle..",
              "io.parcelbell.notifier.templates..");

  /** The stored notification is the base every feature builds on; it builds on none of them. */
  @ArchTest
  static final ArchRule notificationIsTheBase =
      noClasses()
          .that()
          .resideInAPackage("io.parcelbell.notifier.notification..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.parcelbell.notifier.claims..",
              "io.parcelbell.notifier.quiethours..",
              "io.parcelbell.notifier.attempts..",
              "io.parcelbell.notifier.lifecycle..",
              "io.parcelbell.notifier.intake..");

  /**
   * Claiming (the dedup decision) uses quiet hours, attempts and lifecycle publishing; none of them
   * reaches back into claiming or into the Kafka intake.
   */
  @ArchTest
  static final ArchRule featuresDoNotReachBack =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.parcelbell.notifier.quiethours..",
              "io.parcelbell.notifier.attempts..",
              "io.parcelbell.notifier.lifecycle..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.parcelbell.notifier.claims..", "io.parcelbell.notifier.intake..");
}
