package io.frictionflow;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.webhook.Destination;
import io.frictionflow.webhook.RetryPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, held: every arrow points one way, from the runners (cli,
 * bench, local, kafka) through the wiring (job, ingest) to the domain and the leaves. Only
 * production classes are imported.
 */
class ArchitectureTest {
  private static final String ROOT = "io.frictionflow";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  private static String pkg(String name) {
    return ROOT + "." + name + "..";
  }

  @Test
  void packagesDependOnlyAlongTheMap() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("event")
        .definedBy(pkg("event"))
        .layer("signal")
        .definedBy(pkg("signal"))
        .layer("sample")
        .definedBy(pkg("sample"))
        .layer("pattern")
        .definedBy(pkg("pattern"))
        .layer("score")
        .definedBy(pkg("score"))
        .layer("session")
        .definedBy(pkg("session"))
        .layer("detect")
        .definedBy(pkg("detect"))
        .layer("webhook")
        .definedBy(pkg("webhook"))
        .layer("config")
        .definedBy(pkg("config"))
        .layer("ingest")
        .definedBy(pkg("ingest"))
        .layer("job")
        .definedBy(pkg("job"))
        .layer("kafka")
        .definedBy(pkg("kafka"))
        .layer("local")
        .definedBy(pkg("local"))
        .layer("bench")
        .definedBy(pkg("bench"))
        .layer("cli")
        .definedBy(pkg("cli"))
        .whereLayer("event")
        .mayNotAccessAnyLayer()
        .whereLayer("signal")
        .mayNotAccessAnyLayer()
        .whereLayer("sample")
        .mayNotAccessAnyLayer()
        .whereLayer("pattern")
        .mayOnlyAccessLayers("event")
        .whereLayer("score")
        .mayOnlyAccessLayers("event")
        .whereLayer("session")
        .mayOnlyAccessLayers("event", "signal", "score")
        .whereLayer("detect")
        .mayOnlyAccessLayers("event", "signal", "pattern")
        .whereLayer("webhook")
        .mayOnlyAccessLayers("signal")
        .whereLayer("config")
        .mayOnlyAccessLayers("event", "webhook")
        .whereLayer("ingest")
        .mayOnlyAccessLayers("event", "session")
        .whereLayer("job")
        .mayOnlyAccessLayers(
            "event", "signal", "pattern", "score", "session", "detect", "webhook", "config",
            "ingest")
        .whereLayer("kafka")
        .mayOnlyAccessLayers(
            "event", "signal", "pattern", "score", "session", "detect", "webhook", "config",
            "ingest", "job")
        .whereLayer("local")
        .mayOnlyAccessLayers(
            "event", "signal", "pattern", "score", "session", "detect", "webhook", "config",
            "ingest", "job")
        .whereLayer("bench")
        .mayOnlyAccessLayers(
            "event", "signal", "sample", "pattern", "score", "session", "detect", "webhook",
            "config", "ingest", "job", "local")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void configDependsOnlyOnEventAndWebhookValueRecords() {
    noClasses()
        .that()
        .resideInAPackage(pkg("config"))
        .should()
        .dependOnClassesThat(
            resideInAPackage(ROOT + "..")
                .and(not(resideInAPackage(pkg("config"))))
                .and(
                    not(
                        belongToAnyOf(
                            DecoderSettings.class, Destination.class, RetryPolicy.class))))
        .check(classes);
  }

  @Test
  void domainPackagesNeverDependOnTheWiring() {
    noClasses()
        .that()
        .resideInAnyPackage(
            pkg("webhook"), pkg("event"), pkg("signal"), pkg("pattern"), pkg("score"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg("config"),
            pkg("job"),
            pkg("ingest"),
            pkg("local"),
            pkg("kafka"),
            pkg("bench"),
            pkg("cli"))
        .check(classes);
  }
}
