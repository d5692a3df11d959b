package org.neuromod.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.neuromod.core.agent.Signals;
import org.neuromod.session.Outcome;
import org.neuromod.session.Trial;

/**
 * The closed trials {@code 1..closedThrough} of one session, folded into at most {@link
 * #MAX_BUCKETS} buckets of equal size: per bucket the smallest and largest value of each series,
 * the choices per arm, the rewards and the largest stimulation. Closed trials never change, so the
 * summary only grows; when it is full, neighbouring buckets merge in pairs and the bucket size
 * doubles. A plot of any number of points up to {@link #MAX_BUCKETS} is then drawn from it without
 * reading the trials again.
 */
final class PlotSummary {

    static final int MAX_BUCKETS = 4096;

    /** Buckets allocated at first: most sessions stay small. */
    private static final int INITIAL_CAPACITY = 64;

    /** The numeric series in the order of the value arrays, then one per arm's value. */
    static final List<String> SERIES = List.of(
            "actionProbability",
            "predictionError",
            "logLikelihood",
            "learningRate",
            "temperature",
            "expectedUncertainty",
            "unexpectedUncertainty");

    /** Guards every field: trials are folded by commands and read by plot requests. */
    final ReentrantLock lock = new ReentrantLock();

    private final int arms;
    private final int width;
    private int perBucket = 1;
    private int buckets;
    private int closedThrough;
    private int capacity = INITIAL_CAPACITY;
    private int[] first = new int[capacity];
    private int[] last = new int[capacity];
    private int[] count = new int[capacity];
    private int[] rewarded = new int[capacity];
    private double[] rewardSum = new double[capacity];
    private double[] stimulation = new double[capacity];
    private int[] choices;
    private double[] min;
    private double[] max;

    PlotSummary(int arms) {
        this.arms = arms;
        this.width = SERIES.size() + arms;
        this.choices = new int[capacity * arms];
        this.min = new double[capacity * width];
        this.max = new double[capacity * width];
    }

    /** The most bytes a summary of this many arms holds, for the cache's bound. */
    static int weight(int arms) {
        return MAX_BUCKETS * (6 * 8 + arms * 4 + 2 * 8 * (SERIES.size() + arms));
    }

    int arms() {
        return arms;
    }

    int closedThrough() {
        return closedThrough;
    }

    /**
     * Folds the trial in if it is the next closed one; anything else (open, or after a gap that
     * another instance filled) is left to be read later.
     *
     * @return whether it was folded in
     */
    boolean add(Trial trial) {
        if (trial.isOpen() || trial.number() != closedThrough + 1 || trial.probabilities().length != arms) {
            return false;
        }
        if (buckets == 0 || count[buckets - 1] == perBucket) {
            if (buckets == MAX_BUCKETS) {
                mergePairs();
            }
            if (buckets == 0 || count[buckets - 1] == perBucket) {
                if (buckets == capacity) {
                    grow();
                }
                start(buckets++, trial.number());
            }
        }
        int b = buckets - 1;
        count[b]++;
        last[b] = trial.number();
        choices[b * arms + trial.action()]++;
        Outcome outcome = trial.outcome();
        if (outcome.reward() != null) {
            rewardSum[b] += outcome.reward();
            rewarded[b]++;
        }
        stimulation[b] = Math.max(stimulation[b], trial.stimulation());
        double[] row = row(trial);
        for (int i = 0; i < width; i++) {
            int at = b * width + i;
            if (!Double.isNaN(row[i])) {
                min[at] = Double.isNaN(min[at]) ? row[i] : Math.min(min[at], row[i]);
                max[at] = Double.isNaN(max[at]) ? row[i] : Math.max(max[at], row[i]);
            }
        }
        closedThrough++;
        return true;
    }

    /**
     * The plot of the folded trials and then, one point each, the later trials given (the open
     * trial, or trials not folded in), in at most about {@code points} points per series.
     */
    PlotData plot(int points, List<Trial> later) {
        // one point per bucket while buckets are single trials and fit, else two per group of buckets
        int group = perBucket == 1 && buckets <= points ? 1 : Math.ceilDiv(buckets, Math.max(1, points / 2));
        int trialsPerPoint = perBucket * group;
        var out = new Columns(width);
        for (int from = 0; from < buckets; from += group) {
            int to = Math.min(buckets, from + group);
            out.bucket(from, to, trialsPerPoint > 1);
        }
        for (Trial trial : later) {
            out.trial(trial);
        }
        int trials = later.isEmpty() ? closedThrough : later.getLast().number();
        String lastEventId = later.isEmpty()
                ? (closedThrough == 0 ? null : new EventPosition(closedThrough, true).id())
                : EventPosition.of(later.getLast()).id();
        return out.data(trials, lastEventId, trialsPerPoint);
    }

    private void grow() {
        capacity = Math.min(MAX_BUCKETS, capacity * 2);
        first = Arrays.copyOf(first, capacity);
        last = Arrays.copyOf(last, capacity);
        count = Arrays.copyOf(count, capacity);
        rewarded = Arrays.copyOf(rewarded, capacity);
        rewardSum = Arrays.copyOf(rewardSum, capacity);
        stimulation = Arrays.copyOf(stimulation, capacity);
        choices = Arrays.copyOf(choices, capacity * arms);
        min = Arrays.copyOf(min, capacity * width);
        max = Arrays.copyOf(max, capacity * width);
    }

    private void start(int b, int trial) {
        first[b] = trial;
        last[b] = trial;
        count[b] = 0;
        rewarded[b] = 0;
        rewardSum[b] = 0;
        stimulation[b] = 0;
        Arrays.fill(choices, b * arms, (b + 1) * arms, 0);
        Arrays.fill(min, b * width, (b + 1) * width, Double.NaN);
        Arrays.fill(max, b * width, (b + 1) * width, Double.NaN);
    }

    private void mergePairs() {
        for (int b = 0; b < buckets / 2; b++) {
            int left = 2 * b;
            int right = left + 1;
            first[b] = first[left];
            last[b] = last[right];
            count[b] = count[left] + count[right];
            rewarded[b] = rewarded[left] + rewarded[right];
            rewardSum[b] = rewardSum[left] + rewardSum[right];
            stimulation[b] = Math.max(stimulation[left], stimulation[right]);
            for (int arm = 0; arm < arms; arm++) {
                choices[b * arms + arm] = choices[left * arms + arm] + choices[right * arms + arm];
            }
            for (int i = 0; i < width; i++) {
                min[b * width + i] = smaller(min[left * width + i], min[right * width + i]);
                max[b * width + i] = larger(max[left * width + i], max[right * width + i]);
            }
        }
        buckets /= 2;
        perBucket *= 2;
    }

    private double[] row(Trial trial) {
        Outcome outcome = trial.outcome();
        Signals signals = trial.signals();
        double[] row = new double[width];
        row[0] = outcome == null || outcome.actionProbability() == null ? Double.NaN : outcome.actionProbability();
        row[1] = outcome == null || outcome.predictionError() == null ? Double.NaN : outcome.predictionError();
        row[2] = outcome == null ? Double.NaN : outcome.logLikelihood();
        row[3] = signals.learningRate();
        row[4] = signals.temperature();
        row[5] = signals.expectedUncertainty();
        row[6] = signals.unexpectedUncertainty();
        double[] values = signals.values();
        for (int arm = 0; arm < arms; arm++) {
            row[SERIES.size() + arm] = arm < values.length ? values[arm] : Double.NaN;
        }
        return row;
    }

    private static double smaller(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double larger(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** The plot's columns as they are written. */
    private final class Columns {

        private final List<Double> trial = new ArrayList<>();
        private final List<Double> action = new ArrayList<>();
        private final List<Double> reward = new ArrayList<>();
        private final List<Double> stimulationColumn = new ArrayList<>();
        private final List<List<Double>> numeric = new ArrayList<>();

        Columns(int width) {
            for (int i = 0; i < width; i++) {
                numeric.add(new ArrayList<>());
            }
        }

        /** Buckets {@code from..to-1} as one point, or two (the smallest values, then the largest). */
        void bucket(int from, int to, boolean minAndMax) {
            int[] chosen = new int[arms];
            int responded = 0;
            double sum = 0;
            double stimulated = 0;
            double[] low = new double[width];
            double[] high = new double[width];
            Arrays.fill(low, Double.NaN);
            Arrays.fill(high, Double.NaN);
            for (int b = from; b < to; b++) {
                for (int arm = 0; arm < arms; arm++) {
                    chosen[arm] += choices[b * arms + arm];
                }
                responded += rewarded[b];
                sum += rewardSum[b];
                stimulated = Math.max(stimulated, stimulation[b]);
                for (int i = 0; i < width; i++) {
                    low[i] = smaller(low[i], min[b * width + i]);
                    high[i] = larger(high[i], max[b * width + i]);
                }
            }
            int modal = 0;
            for (int arm = 1; arm < arms; arm++) {
                if (chosen[arm] > chosen[modal]) {
                    modal = arm;
                }
            }
            Double meanReward = responded == 0 ? null : sum / responded;
            point(first[from], modal, meanReward, stimulated, low);
            if (minAndMax) {
                point(last[to - 1], modal, meanReward, stimulated, high);
            }
        }

        void trial(Trial t) {
            Outcome outcome = t.outcome();
            point(t.number(), t.action(), outcome == null ? null : outcome.reward(), t.stimulation(), row(t));
        }

        private void point(int number, int modal, Double meanReward, double stimulated, double[] values) {
            trial.add((double) number);
            action.add((double) modal);
            reward.add(meanReward);
            stimulationColumn.add(stimulated);
            for (int i = 0; i < width; i++) {
                numeric.get(i).add(Double.isNaN(values[i]) ? null : values[i]);
            }
        }

        PlotData data(int trials, String lastEventId, int trialsPerPoint) {
            Map<String, List<Double>> series = new LinkedHashMap<>();
            series.put("trial", trial);
            series.put("action", action);
            series.put("reward", reward);
            series.put("stimulation", stimulationColumn);
            for (int i = 0; i < SERIES.size(); i++) {
                series.put(SERIES.get(i), numeric.get(i));
            }
            return new PlotData(
                    arms, trials, lastEventId, trialsPerPoint, series, numeric.subList(SERIES.size(), width));
        }
    }
}
