package org.neuromod.experiment.web;

import org.neuromod.core.experiment.ExperimentRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The experiment runner, whose worker threads all experiment requests share. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExperimentLimits.class)
class ExperimentConfiguration {

    @Bean(destroyMethod = "close")
    ExperimentRunner experimentRunner(ExperimentLimits limits) {
        return limits.threads() == 0 ? new ExperimentRunner() : new ExperimentRunner(limits.threads());
    }
}
