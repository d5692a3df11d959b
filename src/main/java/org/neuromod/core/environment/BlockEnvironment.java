package org.neuromod.core.environment;

import java.util.Arrays;
import org.neuromod.core.agent.EnvironmentTruth;

/**
 * The stepping shared by block-structured tasks: the whole realisation of contexts (one per block)
 * is drawn at creation, so stepping costs no allocation and the context sequence never depends on
 * the agent's choices. The current context lives in two arrays that are overwritten in place on a
 * change, which makes {@link #truth()} a live view even for an agent that keeps the arrays.
 */
abstract class BlockEnvironment implements Environment {

    private final int blocks;
    private final int blockLength;
    private final double[][] blockMeans;
    private final double[][] blockDeviations;
    private final boolean[] changesAtBlock;
    private final double[] means;
    private final double[] deviations;
    private final EnvironmentTruth truth;
    private int trial = -1;
    private boolean contextChanged;
    private int bestArm;

    /**
     * @param blockMeans the true mean of every arm in every block; a block with the same means and
     *     deviations as the previous one continues its context
     */
    BlockEnvironment(int blockLength, double[][] blockMeans, double[][] blockDeviations) {
        this.blocks = blockMeans.length;
        this.blockLength = blockLength;
        this.blockMeans = blockMeans;
        this.blockDeviations = blockDeviations;
        this.changesAtBlock = new boolean[blocks];
        for (int block = 1; block < blocks; block++) {
            changesAtBlock[block] = !Arrays.equals(blockMeans[block], blockMeans[block - 1])
                    || !Arrays.equals(blockDeviations[block], blockDeviations[block - 1]);
        }
        this.means = blockMeans[0].clone();
        this.deviations = blockDeviations[0].clone();
        this.truth = new LiveTruth(means, deviations);
        this.bestArm = argMax(means);
    }

    @Override
    public final int arms() {
        return means.length;
    }

    @Override
    public final int trials() {
        return blocks * blockLength;
    }

    @Override
    public final int blockLength() {
        return blockLength;
    }

    /** Number of blocks in one run. */
    public final int blocks() {
        return blocks;
    }

    @Override
    public final void nextTrial() {
        if (trial + 1 >= trials()) {
            throw new IllegalStateException("the run has ended after " + trials() + " trials");
        }
        trial++;
        int block = trial / blockLength;
        contextChanged = trial % blockLength == 0 && changesAtBlock[block];
        if (contextChanged) {
            System.arraycopy(blockMeans[block], 0, means, 0, means.length);
            System.arraycopy(blockDeviations[block], 0, deviations, 0, deviations.length);
            bestArm = argMax(means);
        }
    }

    @Override
    public final int trial() {
        return trial;
    }

    @Override
    public final boolean contextChanged() {
        return contextChanged;
    }

    @Override
    public final EnvironmentTruth truth() {
        return truth;
    }

    @Override
    public final int bestArm() {
        return bestArm;
    }

    @Override
    public final double regret(int action) {
        return means[bestArm] - means[action];
    }

    /** The current true mean of an arm. */
    final double mean(int arm) {
        return means[arm];
    }

    /** The current true standard deviation of an arm. */
    final double deviation(int arm) {
        return deviations[arm];
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int a = 1; a < values.length; a++) {
            if (values[a] > values[best]) {
                best = a;
            }
        }
        return best;
    }

    private record LiveTruth(double[] means, double[] standardDeviations) implements EnvironmentTruth {}
}
