package org.neuromod.experiment.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How large an experiment one request may run ({@code neuromod.experiments.*}). A step is one
 * decision and its learning; on two cores the service simulates roughly half a million to a
 * million steps per second.
 *
 * @param maxSeeds the most seeds per agent
 * @param maxAgents the most agents in one experiment
 * @param maxSteps the most steps (agents × seeds × trials) in one experiment
 * @param threads worker threads shared by all experiments; 0 means one fewer than the processors
 *     (at least 1), so that trial traffic keeps a core
 * @param maxSyncCost the largest cost (agents × seeds × trials × arms) of a synchronous experiment;
 *     the default admits the paper's experiment (5 agents, 1,000 seeds, 8,000 trials, 5 arms)
 * @param maxAsyncCost the largest cost of an experiment run as a job ({@code Prefer: respond-async})
 */
@Validated
@ConfigurationProperties("neuromod.experiments")
record ExperimentLimits(
        @DefaultValue("1000") @Min(1) int maxSeeds,
        @DefaultValue("16") @Min(1) @Max(1000) int maxAgents,
        @DefaultValue("50000000") @Min(1) long maxSteps,
        @DefaultValue("0") @Min(0) @Max(1024) int threads,
        @DefaultValue("200000000") @Min(1) long maxSyncCost,
        @DefaultValue("20000000000") @Min(1) long maxAsyncCost) {

    /** The number of worker threads, {@link #threads} resolved. */
    int effectiveThreads() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }
}
