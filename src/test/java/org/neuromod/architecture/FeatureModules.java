package org.neuromod.architecture;

import java.util.stream.Stream;
import org.springframework.modulith.core.ApplicationModuleDetectionStrategy;
import org.springframework.modulith.core.ApplicationModuleInformation;
import org.springframework.modulith.core.JavaPackage;
import org.springframework.modulith.core.NamedInterfaces;

/**
 * The service's modules are the direct sub-packages of {@code org.neuromod}. Each exposes only its
 * top-level package, except the pure core, which exposes all of it (agents, environments,
 * experiments) to every feature. The core stays free of Spring types, so this is said here rather
 * than with an annotation on the core. Named in the tests' {@code application.properties}.
 */
public final class FeatureModules implements ApplicationModuleDetectionStrategy {

    private static final String CORE = "org.neuromod.core";

    @Override
    public Stream<JavaPackage> getModuleBasePackages(JavaPackage rootPackage) {
        return ApplicationModuleDetectionStrategy.directSubPackage().getModuleBasePackages(rootPackage);
    }

    @Override
    public NamedInterfaces detectNamedInterfaces(JavaPackage basePackage, ApplicationModuleInformation information) {
        return basePackage.getName().equals(CORE)
                ? NamedInterfaces.forOpen(basePackage)
                : NamedInterfaces.of(basePackage, information);
    }
}
