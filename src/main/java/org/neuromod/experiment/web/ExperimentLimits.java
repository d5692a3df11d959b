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
 * @param threads worker threads shared by all experiments; 0 means one per processor
 */
@Validated
@ConfigurationProperties("neuromod.experiments")
record ExperimentLimits(
        @DefaultValue("1000") @Min(1) int maxSeeds,
        @DefaultValue("16") @Min(1) @Max(1000) int maxAgents,
        @DefaultValue("50000000") @Min(1) long maxSteps,
        @DefaultValue("0") @Min(0) @Max(1024) int threads) {}
