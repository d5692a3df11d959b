package org.neuromod.architecture;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neuromod.NeuromodAgentsApplication;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Every direct sub-package of {@code org.neuromod} is a feature module (Spring Modulith): a module
 * may use another's top-level package, its API, but not its sub-packages (such as {@code
 * session.jdbc} or {@code experiment.web}), and modules form no cycle. A new feature is checked
 * without anyone writing a rule for it. The pure core is an open module: every feature may use its
 * agents, environments and experiments ({@code core/package-info.java}).
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(NeuromodAgentsApplication.class);

    @Test
    void featuresUseOnlyEachOthersApi() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(
                        modules,
                        Documenter.Options.defaults()
                                .withOutputFolder(Path.of("src/docs/modules").toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
