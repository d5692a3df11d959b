package org.neuromod.experiment.web;

import java.security.SecureRandom;
import org.neuromod.experiment.ExperimentJob;

/** Turns a validated request into the experiment it describes, with its seed chosen if absent. */
final class ExperimentRequests {

    /** Seeds chosen for the client stay exact in every JSON client (doubles hold 53 bits). */
    private static final long SEED_BOUND = 1L << 53;

    private static final SecureRandom SEEDS = new SecureRandom();

    private ExperimentRequests() {}

    static ExperimentJob.Request resolve(RunExperimentRequest request) {
        long seed = request.seed() != null ? request.seed() : SEEDS.nextLong(SEED_BOUND);
        return new ExperimentJob.Request(
                request.environment(),
                request.effectiveEnvironmentParameters(),
                request.seeds(),
                seed,
                request.agents().stream()
                        .map(agent -> new ExperimentJob.Request.Agent(
                                agent.effectiveLabel(), agent.agent(), agent.effectiveParameters()))
                        .toList());
    }
}
