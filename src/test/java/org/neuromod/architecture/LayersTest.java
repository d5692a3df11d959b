package org.neuromod.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point inwards: the session domain knows neither the HTTP edge nor the SQL that stores it. */
class LayersTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.neuromod");

    @Test
    void theSessionDomainKnowsNoAdapter() {
        noClasses()
                .that()
                .resideInAPackage("org.neuromod.session")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.neuromod.session.web..",
                        "org.neuromod.session.jdbc..",
                        "org.neuromod.web..",
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "jakarta.servlet..",
                        "java.sql..",
                        "tools.jackson..")
                .check(classes);
    }

    @Test
    void theLiveViewKnowsSessionsOnlyThroughTheirServiceAndItsHttpEdgeOnlyInItsWebPackage() {
        noClasses()
                .that()
                .resideInAPackage("org.neuromod.live")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.neuromod.live.web..",
                        "org.neuromod.session.web..",
                        "org.neuromod.session.jdbc..",
                        "org.neuromod.web..",
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "jakarta.servlet..",
                        "java.sql..")
                .check(classes);
    }

    @Test
    void adaptersDoNotReachIntoEachOther() {
        noClasses()
                .that()
                .resideInAPackage("org.neuromod.session.jdbc..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.neuromod.session.web..", "org.neuromod.web..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage("org.neuromod.session.web..", "org.neuromod.agent.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.neuromod.session.jdbc..")
                .check(classes);
    }

    @Test
    void fitsReadSessionsThroughTheSessionFeaturesPublicApiOnly() {
        noClasses()
                .that()
                .resideInAPackage("org.neuromod.fit..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.neuromod.session.jdbc..", "org.neuromod.session.web..", "org.neuromod.job.jdbc..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.neuromod.fit")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.neuromod.fit.web..", "org.springframework.web..", "org.springframework.http..")
                .check(classes);
    }
}
