package org.neuromod.core.agent;

import org.apache.commons.rng.UniformRandomProvider;

/** Numerically stable softmax and sampling from a discrete distribution. */
public final class Softmax {

    private Softmax() {}

    /**
     * Writes {@code softmax(x / temperature)} into {@code out}. The largest input is subtracted
     * first, so any finite input and positive temperature give finite probabilities summing to 1.
     */
    public static double[] probabilities(double[] x, double temperature, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp((x[i] - max) / temperature);
            sum += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** A one-hot distribution on {@code arm}. */
    public static double[] certain(int arm, double[] out) {
        java.util.Arrays.fill(out, 0);
        out[arm] = 1;
        return out;
    }

    /**
     * Draws an index from {@code probabilities} by inverting the cumulative distribution with one
     * uniform number; an index with probability 0 is never drawn.
     */
    public static int sample(double[] probabilities, UniformRandomProvider random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] > 0) {
                cumulative += probabilities[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;
    }
}
