package org.neuromod.experiment.web;

import org.neuromod.core.experiment.ExperimentRunner;
import org.neuromod.experiment.ExperimentJob;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The experiment runner, whose worker threads all experiments share (synchronous requests and
 * jobs alike), and the experiment job kind that runs on it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExperimentLimits.class)
class ExperimentConfiguration {

    @Bean(destroyMethod = "close")
    ExperimentRunner experimentRunner(ExperimentLimits limits) {
        return new ExperimentRunner(limits.effectiveThreads());
    }

    @Bean
    ExperimentJob experimentJob(ExperimentRunner experimentRunner) {
        return new ExperimentJob(experimentRunner);
    }

    @Bean
    ExperimentBudget experimentBudget(ExperimentLimits limits) {
        return new ExperimentBudget(limits.maxSyncCost(), limits.maxAsyncCost());
    }

    @Bean
    SynchronousExperiments synchronousExperiments(ExperimentRunner experimentRunner, JsonMapper json) {
        return new SynchronousExperiments(experimentRunner, json);
    }
}
