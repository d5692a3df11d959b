package org.neuromod.experiment.web;

import org.neuromod.core.environment.Environment;
import org.neuromod.core.experiment.Experiment;

/**
 * What one experiment may cost: agents × seeds × trials × arms, the number of agent steps times
 * the arms each step looks at, which is what the simulation's CPU time grows with. Synchronous
 * requests get the smaller budget; jobs the larger.
 */
final class ExperimentBudget {

    private final long maxSyncCost;
    private final long maxAsyncCost;

    ExperimentBudget(long maxSyncCost, long maxAsyncCost) {
        this.maxSyncCost = maxSyncCost;
        this.maxAsyncCost = maxAsyncCost;
    }

    static long cost(Experiment experiment) {
        Environment probe = experiment.environment().create(experiment.environmentParameters(), 0);
        return Math.multiplyExact(
                Math.multiplyExact((long) experiment.agents().size(), experiment.seeds()),
                Math.multiplyExact((long) probe.trials(), probe.arms()));
    }

    /** @throws OverBudget if a synchronous run of the experiment would cost too much */
    void checkSynchronous(Experiment experiment) {
        long cost = cost(experiment);
        if (cost > maxSyncCost) {
            throw new OverBudget(cost, maxSyncCost, "neuromod.experiments.max-sync-cost", true);
        }
    }

    /** @throws OverBudget if the experiment would cost too much even as a job */
    void checkAsynchronous(Experiment experiment) {
        long cost = cost(experiment);
        if (cost > maxAsyncCost) {
            throw new OverBudget(cost, maxAsyncCost, "neuromod.experiments.max-async-cost", false);
        }
    }

    /** An experiment over a budget. */
    static final class OverBudget extends RuntimeException {

        private final long cost;
        private final long budget;
        private final String setting;

        OverBudget(long cost, long budget, String setting, boolean synchronous) {
            super("the experiment costs " + cost + " (agents x seeds x trials x arms), over the "
                    + (synchronous ? "synchronous" : "asynchronous") + " budget of " + budget + " (" + setting + ")"
                    + (synchronous
                            ? "; send it with the header 'Prefer: respond-async' to run it as a job"
                            : "; split it into smaller experiments"));
            this.cost = cost;
            this.budget = budget;
            this.setting = setting;
        }

        long cost() {
            return cost;
        }

        long budget() {
            return budget;
        }

        String setting() {
            return setting;
        }
    }
}
