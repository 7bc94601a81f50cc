package io.calbridge.roombooking;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of STYLE.md §3.2: feature packages, each a hexagon with a plain-Java domain. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackagesOf(RoomBookingApplication.class);

    @Test
    void featuresAreHexagons() {
        onionArchitecture().withOptionalLayers(true)
                .domainModels("..domain..")
                .applicationServices("..application..")
                .adapter("web", "..adapter.in.web..")
                .adapter("messaging", "..adapter.*.messaging..")
                .adapter("graph", "..adapter.out.graph..")
                .adapter("persistence", "..adapter.out.persistence..")
                .adapter("scheduling", "..adapter.in.scheduling..")
                .adapter("metrics", "..adapter.out.metrics..")
                // config/ is the explicit @Bean wiring of STYLE §3.2: it constructs use cases, so it may see every layer.
                .ignoreDependency(resideInAPackage("..roombooking.config.."), alwaysTrue())
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void domainIsPlainJava() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "com.fasterxml..", "tools.jackson..", "io.calbridge.common..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("io.calbridge.roombooking.(*)..").should().beFreeOfCycles()
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
