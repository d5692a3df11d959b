package org.neuromod.core.experiment;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.Signals;
import org.neuromod.core.environment.Environment;

/**
 * One agent on one environment realisation: the simulation loop and the metrics of that run.
 *
 * @param cumulativeRegret expected regret summed over every trial
 * @param finalBlockRegret mean expected regret per trial over the final block
 * @param bestArmFraction fraction of trials with zero expected regret
 * @param regretBins mean expected regret per trial within each bin of {@link #binStarts}
 * @param alignedLearningRate α around the run's context changes, averaged over them (NaN where no
 *     change has that offset inside the run)
 * @param alignedTemperature T likewise
 * @param changes the number of real context changes in the run
 */
record Run(
        double cumulativeRegret,
        double finalBlockRegret,
        double bestArmFraction,
        double[] regretBins,
        double[] alignedLearningRate,
        double[] alignedTemperature,
        int changes) {

    private static final int BINS_PER_BLOCK = 10;

    /**
     * A run checks every 1,024 trials whether its thread was interrupted (its experiment cancelled),
     * so even a run on many arms stops within milliseconds.
     */
    private static final int INTERRUPT_CHECK_MASK = 1023;

    /**
     * Simulates every trial: the environment sets the stimulation, the agent decides, the
     * environment draws the reward and the agent learns from it. The loop itself allocates nothing;
     * α and T are kept per trial so they can be aligned on changes afterwards.
     */
    static Run simulate(Experiment experiment, ExperimentAgent participant, int seedIndex) {
        Environment environment = experiment
                .environment()
                .create(experiment.environmentParameters(), experiment.environmentSeed(seedIndex));
        Agent agent = participant
                .type()
                .create(new AgentSetup(
                        environment.arms(),
                        participant.parameters(),
                        experiment.agentSeed(seedIndex),
                        environment.truth()));
        int trials = environment.trials();
        int finalBlockStart = trials - environment.blockLength();
        int blockLength = environment.blockLength();
        int binSize = binSize(blockLength);
        int binsPerBlock = (blockLength + binSize - 1) / binSize;
        var regretBins = new double[trials / blockLength * binsPerBlock];
        var learningRates = new double[trials];
        var temperatures = new double[trials];
        var changeTrials = new int[trials / environment.blockLength() + 1];
        int changes = 0;
        double cumulativeRegret = 0;
        double finalBlockRegret = 0;
        int bestArmTrials = 0;
        for (int trial = 0; trial < trials; trial++) {
            if ((trial & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("simulation interrupted at trial " + trial);
            }
            environment.nextTrial();
            if (environment.contextChanged()) {
                changeTrials[changes++] = trial;
            }
            double stimulation = environment.stimulation();
            Decision decision = agent.decide(stimulation);
            int action = decision.action();
            Signals signals = decision.signals();
            learningRates[trial] = signals.learningRate();
            temperatures[trial] = signals.temperature();
            double reward = environment.reward(action);
            double regret = environment.regret(action);
            agent.learn(action, reward, stimulation);
            cumulativeRegret += regret;
            regretBins[trial / blockLength * binsPerBlock + trial % blockLength / binSize] += regret;
            if (trial >= finalBlockStart) {
                finalBlockRegret += regret;
            }
            if (regret == 0) {
                bestArmTrials++;
            }
        }
        for (int bin = 0; bin < regretBins.length; bin++) {
            int start = bin % binsPerBlock * binSize;
            regretBins[bin] /= Math.min(binSize, blockLength - start);
        }
        int[] changesSeen = Arrays.copyOf(changeTrials, changes);
        return new Run(
                cumulativeRegret,
                finalBlockRegret / environment.blockLength(),
                (double) bestArmTrials / trials,
                regretBins,
                align(learningRates, changesSeen),
                align(temperatures, changesSeen),
                changes);
    }

    /**
     * Regret curves use at most ten bins per block, so that bins never straddle a block boundary and
     * the curve stays small however long the run (the last bin of a block may be shorter).
     */
    static int binSize(int blockLength) {
        return (blockLength + BINS_PER_BLOCK - 1) / BINS_PER_BLOCK;
    }

    /** The first trial of every regret bin of a run. */
    static int[] binStarts(int trials, int blockLength) {
        int binSize = binSize(blockLength);
        int binsPerBlock = (blockLength + binSize - 1) / binSize;
        var starts = new int[trials / blockLength * binsPerBlock];
        for (int bin = 0; bin < starts.length; bin++) {
            starts[bin] = bin / binsPerBlock * blockLength + bin % binsPerBlock * binSize;
        }
        return starts;
    }

    /** The mean of a per-trial signal at each offset of {@link SwitchAligned#window()} over the changes. */
    private static double[] align(double[] perTrial, int[] changeTrials) {
        int[] offsets = SwitchAligned.window();
        var aligned = new double[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            double sum = 0;
            int count = 0;
            for (int change : changeTrials) {
                int trial = change + offsets[i];
                if (trial >= 0 && trial < perTrial.length) {
                    sum += perTrial[trial];
                    count++;
                }
            }
            aligned[i] = count == 0 ? Double.NaN : sum / count;
        }
        return aligned;
    }
}
