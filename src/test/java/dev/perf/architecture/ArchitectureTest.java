package dev.perf.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of perf's packages, checked on the compiled main classes. Each package's {@code
 * package-info.java} says what it is for and what it may import; these rules hold it to that.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.perf");
    }

    /** A rule: classes of {@code pkg} may use perf's packages {@code allowed} and no other. */
    private static void onlyUses(String pkg, String... allowed) {
        onlyUses(pkg, List.of(), allowed);
    }

    /**
     * A rule: classes of {@code pkg} may use perf's packages {@code allowed}, the classes {@code classes} (fully
     * qualified) and nothing else of perf.
     */
    private static void onlyUses(String pkg, List<String> classes, String... allowed) {
        String[] own = new String[allowed.length + 1];
        own[0] = "dev.perf." + pkg + "..";
        for (int i = 0; i < allowed.length; i++) {
            own[i + 1] = "dev.perf." + allowed[i] + "..";
        }
        noClasses()
                .that()
                .resideInAPackage("dev.perf." + pkg + "..")
                .should()
                .dependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate
                                .<com.tngtech.archunit.core.domain.JavaClass>describe(
                                        "perf classes outside " + String.join(", ", own),
                                        c -> c.getPackageName().startsWith("dev.perf.")
                                                && !classes.contains(
                                                        c.getBaseComponentType().getName())
                                                && !com.tngtech.archunit.core.domain.JavaClass.Predicates
                                                        .resideInAnyPackage(own)
                                                        .test(c)))
                .because("package-info.java of dev.perf." + pkg + " names what it may import")
                .check(main);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.perf.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void statisticsDependOnNothingOfPerf() {
        onlyUses("stats");
        classes()
                .that()
                .resideInAPackage("dev.perf.stats..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.apache.commons.math3..", "dev.perf.stats..")
                .check(main);
    }

    @Test
    void theResultModelSitsOnStatisticsOnly() {
        onlyUses("result", "stats");
    }

    @Test
    void inputsAndMeasurementUseOnlyWhatTheyNeed() {
        onlyUses("suite", "result", "stats");
        onlyUses("host", "result", "stats");
        onlyUses("bench", "result", "suite", "host", "stats");
        onlyUses("load", "result", "suite", "host", "observe", "stats");
        onlyUses("observe", "result", "suite", "stats");
        onlyUses("merge", "result", "load", "stats");
        onlyUses("compare", "result", "stats");
        onlyUses("metrics", "result", "load", "host", "suite", "stats");
    }

    /**
     * The load generator's rooms: schedules depend on nothing, recorders on the result model, drivers on
     * schedules and recorders, the http client on drivers and recorders, scenarios on the http client; of the
     * engine's own package they see
     * only the {@code Workload} API that users implement. No cycles between them.
     */
    @Test
    void theLoadRoomsLayerUnderTheEngine() {
        List<String> api = List.of("dev.perf.load.Workload");
        onlyUses("load.schedule");
        onlyUses("load.record", "result", "stats");
        onlyUses("load.drive", api, "load.schedule", "load.record", "result", "stats");
        onlyUses("load.template", "load.schedule", "result", "suite");
        onlyUses(
                "load.http",
                api,
                "load.template",
                "load.drive",
                "load.record",
                "load.schedule",
                "result",
                "suite",
                "stats");
        onlyUses(
                "load.scenario",
                api,
                "load.http",
                "load.template",
                "load.drive",
                "load.record",
                "load.schedule",
                "result",
                "suite",
                "stats");
        onlyUses("load.sql", api, "load.template", "load.drive", "load.record", "result", "suite");
        onlyUses("load.grpc", api, "load.template", "load.drive", "load.record", "result", "suite");
        onlyUses("load.message", api, "load.template", "load.drive", "load.record", "result", "suite");
        onlyUses("load.spans", "load.record", "load.template", "result", "suite");
        onlyUses("load.kafka", "load.message", "load.template", "result", "suite");
        onlyUses("load.rabbitmq", "load.message", "load.template", "result", "suite");
        slices().matching("dev.perf.load.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void reportsRenderAndNeitherMeasureNorMerge() {
        onlyUses("report", "result", "compare", "suite", "stats");
    }

    @Test
    void capabilitiesNeverReachTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.perf.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.perf.cli..")
                .check(main);
    }

    @Test
    void onlyTheRunCapabilityUsesTheBundledDemos() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.perf.demo..", "dev.perf.run..", "dev.perf.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.perf.demo..")
                .check(main);
    }
}
