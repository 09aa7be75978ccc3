package dev.doorstep.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ModuleRulesTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.doorstep");

    @Test
    void dispatchDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.doorstep.dispatch..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doorstep.tracking..",
                        "dev.doorstep.notifications..", "dev.doorstep.api..")
                .check(CLASSES);
    }

    /** Planning, blocks, delivery and routes write their routes and stops through it: it must not call them back. */
    @Test
    void theRouteLedgerDependsOnNoFeatureThatWritesThroughIt() {
        noClasses().that().resideInAPackage("dev.doorstep.dispatch.routes.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doorstep.dispatch.routes",
                        "dev.doorstep.dispatch.planning..", "dev.doorstep.dispatch.blocks..",
                        "dev.doorstep.dispatch.delivery..", "dev.doorstep.dispatch.events..")
                .check(CLASSES);
    }

    @Test
    void trackingDependsOnlyOnDispatch() {
        noClasses().that().resideInAPackage("dev.doorstep.tracking..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doorstep.notifications..", "dev.doorstep.api..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void notificationsNeverReachTheApi() {
        noClasses().that().resideInAPackage("dev.doorstep.notifications..")
                .should().dependOnClassesThat().resideInAPackage("dev.doorstep.api..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void onlyTheApiKnowsHttp() {
        noClasses().that().resideInAnyPackage("dev.doorstep.dispatch..", "dev.doorstep.tracking..",
                        "dev.doorstep.notifications..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.http..", "org.springframework.security.web..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void theSimulatorIsAClientOfTheHttpApiOnly() {
        noClasses().that().resideInAPackage("dev.doorstep.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doorstep.api..", "dev.doorstep.dispatch..",
                        "dev.doorstep.tracking..", "dev.doorstep.notifications..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void onlyTheDemoStartsTheSimulator() {
        noClasses().that().resideInAPackage("dev.doorstep..")
                .and().resideOutsideOfPackages("dev.doorstep.simulator..", "dev.doorstep.api.demo..")
                .should().dependOnClassesThat().resideInAPackage("dev.doorstep.simulator..")
                .check(CLASSES);
    }
}
