package io.frictionflow;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import io.frictionflow.event.DecoderSettings;
import io.frictionflow.session.PrivacyOptions;
import io.frictionflow.webhook.Destination;
import io.frictionflow.webhook.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

  /**
   * Package to the packages it may use: the map of docs/architecture.md. The runners (kafka, local,
   * bench, cli) may use everything below them.
   */
  private static final Map<String, List<String>> MAP = new LinkedHashMap<>();

  static {
    List<String> domain =
        List.of("event", "signal", "pattern", "score", "session", "detect", "webhook", "config");
    MAP.put("event", List.of());
    MAP.put("signal", List.of());
    MAP.put("sample", List.of());
    MAP.put("pattern", List.of("event"));
    MAP.put("score", List.of("event"));
    MAP.put("session", List.of("event", "signal", "score"));
    MAP.put("detect", List.of("event", "signal", "pattern"));
    MAP.put("webhook", List.of("signal"));
    MAP.put("config", List.of("event", "session", "webhook"));
    MAP.put("ingest", List.of("event", "session"));
    MAP.put("gateway", List.of("event", "signal", "config"));
    MAP.put("explain", List.of("event", "signal", "pattern", "detect"));
    MAP.put("job", plus(domain, "ingest"));
    MAP.put("kafka", plus(domain, "ingest", "job"));
    MAP.put("local", plus(domain, "ingest", "job"));
    MAP.put("bench", plus(domain, "ingest", "job", "local", "sample"));
    MAP.put(
        "cli",
        plus(domain, "ingest", "job", "kafka", "local", "bench", "sample", "gateway", "explain"));
  }

  private static List<String> plus(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void packagesDependOnlyAlongTheMap() {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (String p : MAP.keySet()) {
      layers = layers.layer(p).definedBy(pkg(p));
    }
    for (Map.Entry<String, List<String>> e : MAP.entrySet()) {
      layers =
          e.getValue().isEmpty()
              ? layers.whereLayer(e.getKey()).mayNotAccessAnyLayer()
              : layers
                  .whereLayer(e.getKey())
                  .mayOnlyAccessLayers(e.getValue().toArray(String[]::new));
    }
    layers.check(classes);
  }

  @Test
  void everyPackageIsOnTheMap() {
    Set<String> packages = new TreeSet<>();
    classes.forEach(
        c -> packages.add(c.getPackageName().substring(ROOT.length() + 1).split("\\.")[0]));
    assertThat(packages).isEqualTo(new TreeSet<>(MAP.keySet()));
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void configDependsOnlyOnValueRecords() {
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
                            DecoderSettings.class,
                            PrivacyOptions.class,
                            Destination.class,
                            RetryPolicy.class))))
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
