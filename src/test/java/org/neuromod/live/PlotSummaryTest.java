package org.neuromod.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.Signals;
import org.neuromod.session.Metadata;
import org.neuromod.session.Outcome;
import org.neuromod.session.Trial;

class PlotSummaryTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    /** Trial n chose arm n % 2, was rewarded on even n, and its signals are all n. */
    private static Trial closed(int n) {
        var signals = new Signals(n, n, n, n, new double[] {n, -n});
        double reward = n % 2 == 0 ? 1.0 : 0.0;
        return Trial.restore(
                n,
                n % 2,
                new double[] {0.5, 0.5},
                signals,
                n > 10 && n <= 20 ? 0.05 : 0,
                Metadata.of(null),
                AT,
                new Outcome(n % 2, reward, (double) n, 0.5, -n, signals, Metadata.of(null), AT));
    }

    private static Trial open(int n) {
        return Trial.restore(
                n,
                1,
                new double[] {0.5, 0.5},
                new Signals(n, n, Double.NaN, Double.NaN, new double[] {n, -n}),
                0,
                Metadata.of(null),
                AT,
                null);
    }

    @Test
    void aShortSessionIsPlottedTrialByTrialWithItsOpenTrialLast() {
        var summary = new PlotSummary(2);
        for (int n = 1; n <= 30; n++) {
            assertThat(summary.add(closed(n))).isTrue();
        }
        assertThat(summary.add(open(31))).isFalse();

        PlotData plot = summary.plot(2000, List.of(open(31)));

        assertThat(plot.trialsPerBucket()).isEqualTo(1);
        assertThat(plot.trials()).isEqualTo(31);
        assertThat(plot.lastEventId()).isEqualTo("31:open");
        assertThat(plot.series().get("trial")).hasSize(31).startsWith(1.0, 2.0).endsWith(31.0);
        assertThat(plot.series().get("action")).startsWith(1.0, 0.0);
        assertThat(plot.series().get("reward")).startsWith(0.0, 1.0).endsWith((Double) null);
        assertThat(plot.series().get("stimulation").get(10)).isEqualTo(0.05);
        assertThat(plot.series().get("expectedUncertainty").getLast()).isNull();
        assertThat(plot.values().get(1)).startsWith(-1.0, -2.0);
    }

    @Test
    void onlyTheNextClosedTrialIsFoldedIn() {
        var summary = new PlotSummary(2);
        assertThat(summary.add(closed(2))).isFalse();
        assertThat(summary.add(closed(1))).isTrue();
        assertThat(summary.add(closed(1))).isFalse();
        assertThat(summary.closedThrough()).isEqualTo(1);
    }

    @Test
    void aLongSessionKeepsItsExtremesInABoundedNumberOfPoints() {
        var summary = new PlotSummary(2);
        int trials = 100_000;
        for (int n = 1; n <= trials; n++) {
            summary.add(closed(n));
        }

        PlotData plot = summary.plot(2000, List.of());

        assertThat(plot.series().get("trial").size()).isLessThanOrEqualTo(2000).isGreaterThan(1000);
        assertThat(plot.trialsPerBucket()).isGreaterThan(1);
        assertThat(plot.trials()).isEqualTo(trials);
        assertThat(plot.lastEventId()).isEqualTo("100000:closed");
        List<Double> x = plot.series().get("trial");
        assertThat(x.getFirst()).isEqualTo(1.0);
        assertThat(x.getLast()).isEqualTo((double) trials);
        assertThat(new ArrayList<>(x)).isSorted();
        List<Double> learningRate = plot.series().get("learningRate");
        assertThat(learningRate.stream().mapToDouble(Double::doubleValue).min().orElseThrow())
                .isEqualTo(1.0);
        assertThat(learningRate.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .isEqualTo(trials);
        assertThat(plot.series().get("reward"))
                .allSatisfy(mean -> assertThat(mean).isEqualTo(0.5));
        for (String series : plot.series().keySet()) {
            assertThat(plot.series().get(series)).as(series).hasSameSizeAs(x);
        }
    }
}
