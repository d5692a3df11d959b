package org.neuromod.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The algorithmic core knows nothing of Spring, the web, persistence or the service around it. */
class CoreIsPureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.neuromod");

    @Test
    void coreDependsOnNoFrameworkNorOnTheService() {
        noClasses()
                .that()
                .resideInAPackage("org.neuromod.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta..",
                        "java.sql..",
                        "javax.sql..",
                        "com.fasterxml..",
                        "tools.jackson..",
                        "org.neuromod.session..",
                        "org.neuromod.web..",
                        "org.neuromod.experiment..")
                .check(classes);
    }
}
