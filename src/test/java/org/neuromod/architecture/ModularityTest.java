package org.neuromod.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neuromod.NeuromodAgentsApplication;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Every direct sub-package of {@code org.neuromod} is a feature module (Spring Modulith): a module
 * may use another's top-level package, its API, but not its sub-packages (such as {@code
 * session.jdbc} or {@code experiment.web}), and modules form no cycle. A new feature is checked
 * without anyone writing a rule for it. The pure core is an open module: every feature may use its
 * agents, environments and experiments ({@link FeatureModules}).
 */
class ModularityTest {

    /** The module documentation kept with the other documents. */
    private static final Path COMMITTED = Path.of("src/docs/modules");

    private static final Path GENERATED = Path.of("target/spring-modulith-docs");

    private final ApplicationModules modules = ApplicationModules.of(NeuromodAgentsApplication.class);

    @Test
    void featuresUseOnlyEachOthersApi() {
        modules.verify();
    }

    /**
     * The documentation is generated into {@code target} and compared line by line, in any order
     * (the Documenter's order of relations varies from run to run), with the committed copy.
     */
    @Test
    void theCommittedModuleDocumentationIsCurrent() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();

        List<String> generated = fileNames(GENERATED);
        assertThat(fileNames(COMMITTED))
                .as("files in %s (copy %s/* there after a change of modules)", COMMITTED, GENERATED)
                .isEqualTo(generated);
        for (String name : generated) {
            assertThat(sortedLines(COMMITTED.resolve(name)))
                    .as("%s is out of date: copy %s there", COMMITTED.resolve(name), GENERATED.resolve(name))
                    .isEqualTo(sortedLines(GENERATED.resolve(name)));
        }
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }
}
