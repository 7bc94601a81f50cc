package io.calbridge.common.cloudevents;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** {@code common} is a wire-contract library: services of any stack must be able to depend on it. */
class DependencyRulesTest {

    private static final JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.calbridge.common");

    @Test
    void dependsOnlyOnTheJdkJacksonAndKafkaClients() {
        var rule = classes().that().resideInAPackage("io.calbridge.common..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..",
                        "javax.crypto..",
                        "tools.jackson..",
                        "com.fasterxml.jackson.annotation..",
                        "org.apache.kafka..",
                        "io.calbridge.common..");

        rule.check(COMMON);
    }

    @Test
    void keepsEventRecordsFreeOfCodecAndKafka() {
        var rule = noClasses().that().resideInAPackage("io.calbridge.common.events..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.calbridge.common.cloudevents..", "org.apache.kafka..", "tools.jackson..");

        rule.check(COMMON);
    }
}
