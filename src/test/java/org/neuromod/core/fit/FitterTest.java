package org.neuromod.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.baseline.Boltzmann;

class FitterTest {

    private static final Model BOLTZMANN = Model.of(
            Boltzmann.TYPE,
            List.of(
                    new Model.FreeSpec("learningRate", 0.01, 0.99, null),
                    new Model.FreeSpec("temperature", 0.01, 5.0, null)),
            Map.of());

    private static final Subject SUBJECT =
            Subjects.reversal(Boltzmann.TYPE, Map.of("learningRate", 0.4, "temperature", 0.3), 0, 21);

    @Test
    void maximumLikelihoodFindsTheGeneratingParametersWithinTheirStandardErrors() {
        var fit = Fitter.fit(BOLTZMANN, SUBJECT, 0, new Fitter.Settings(Method.MLE, 5, 1), FitMonitor.NONE, () -> {});

        var alpha = fit.estimate("learningRate");
        var tau = fit.estimate("temperature");
        assertThat(alpha.standardError()).isPositive();
        assertThat(tau.standardError()).isPositive();
        assertThat(Math.abs(alpha.value() - 0.4)).isLessThan(4 * alpha.standardError());
        assertThat(Math.abs(tau.value() - 0.3)).isLessThan(4 * tau.standardError());
        assertThat(fit.logLikelihood())
                .isCloseTo(
                        new ShadowLikelihood(BOLTZMANN, SUBJECT).logLikelihood(fit.naturalEstimates()), within(1e-9));
        assertThat(fit.aic()).isCloseTo(2 * 2 - 2 * fit.logLikelihood(), within(1e-9));
        assertThat(fit.bic()).isCloseTo(2 * Math.log(500) - 2 * fit.logLikelihood(), within(1e-9));
        assertThat(fit.logEvidence()).isLessThan(fit.logLikelihood());
        assertThat(fit.correlation()[0][0]).isCloseTo(1, within(1e-12));
        assertThat(fit.correlation()[0][1])
                .isCloseTo(fit.correlation()[1][0], within(1e-12))
                .isBetween(-1.0, 1.0);
        assertThat(fit.starts()).hasSize(5);
        for (StartResult start : fit.starts()) {
            assertThat(start.logLikelihood()).isLessThanOrEqualTo(fit.logLikelihood() + 1e-9);
        }
    }

    @Test
    void theStandardErrorOfOneParameterIsWhereTheLogLikelihoodHasFallenByOneHalf() {
        var model = Model.of(
                Boltzmann.TYPE,
                List.of(new Model.FreeSpec("temperature", 0.01, 5.0, null)),
                Map.of("learningRate", 0.4));
        var fit = Fitter.fit(model, SUBJECT, 0, new Fitter.Settings(Method.MLE, 2, 1), FitMonitor.NONE, () -> {});
        var likelihood = new ShadowLikelihood(model, SUBJECT);
        var estimate = fit.estimate("temperature");

        for (int side : new int[] {-1, 1}) {
            double z = estimate.unbounded() + side * estimate.unboundedStandardError();
            double drop = fit.logLikelihood() - likelihood.logLikelihood(model.toNatural(new double[] {z}));
            assertThat(drop).isCloseTo(0.5, within(0.05));
        }
    }

    @Test
    void aStrongPriorPullsTheMapEstimateTowardsItsMean() {
        var model = Model.of(
                Boltzmann.TYPE,
                List.of(
                        new Model.FreeSpec("learningRate", 0.01, 0.99, new Prior.Beta(200, 800)),
                        new Model.FreeSpec("temperature", 0.01, 5.0, new Prior.Gamma(2, 0.2))),
                Map.of());
        var settings = new Fitter.Settings(Method.MAP, 3, 1);
        var map = Fitter.fit(model, SUBJECT, 0, settings, FitMonitor.NONE, () -> {});
        var mle = Fitter.fit(model, SUBJECT, 0, new Fitter.Settings(Method.MLE, 3, 1), FitMonitor.NONE, () -> {});

        double priorMean = 0.01 + 0.98 * 0.2;
        assertThat(Math.abs(map.estimate("learningRate").value() - priorMean))
                .isLessThan(Math.abs(mle.estimate("learningRate").value() - priorMean));
        assertThat(map.logLikelihood()).isLessThanOrEqualTo(mle.logLikelihood() + 1e-9);
        assertThat(map.logEvidence()).isFinite();
    }

    @Test
    void aFitIsReproducibleFromItsSeedAndReportsProgressPerStart() {
        var progress = new ArrayList<long[]>();
        FitMonitor monitor = new FitMonitor() {
            @Override
            public void progress(long done, long total) {
                progress.add(new long[] {done, total});
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        var subjects = List.of(SUBJECT, Subjects.reversal(Boltzmann.TYPE, Map.of(), 0, 22));
        var settings = new Fitter.Settings(Method.MLE, 3, 99);

        var one = Fitter.fit(BOLTZMANN, subjects, settings, monitor);
        var two = Fitter.fit(BOLTZMANN, subjects, settings, FitMonitor.NONE);

        assertThat(progress).hasSize(6);
        assertThat(progress.getLast()).containsExactly(6, 6);
        for (int i = 0; i < 2; i++) {
            assertThat(one.get(i).naturalEstimates()).containsExactly(two.get(i).naturalEstimates());
            assertThat(one.get(i).starts().get(1).start())
                    .isEqualTo(two.get(i).starts().get(1).start());
        }
    }

    @Test
    void aCancelledFitStopsAtItsNextEvaluation() {
        FitMonitor cancelled = new FitMonitor() {
            @Override
            public void progress(long done, long total) {}

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThatThrownBy(
                        () -> Fitter.fit(BOLTZMANN, List.of(SUBJECT), new Fitter.Settings(Method.MLE, 3, 1), cancelled))
                .isInstanceOf(FitCancelled.class);
    }

    @Test
    void withNothingFreeTheFitIsTheLikelihoodAtTheFixedValues() {
        var model = Model.of(Boltzmann.TYPE, List.of(), Map.of("learningRate", 0.4, "temperature", 0.3));
        var fit = Fitter.fit(model, SUBJECT, 0, new Fitter.Settings(Method.MLE, 1, 1), FitMonitor.NONE, () -> {});

        assertThat(fit.logLikelihood())
                .isCloseTo(new ShadowLikelihood(model, SUBJECT).logLikelihood(new double[0]), within(1e-9));
        assertThat(fit.aic()).isEqualTo(-2 * fit.logLikelihood());
        assertThat(fit.logEvidence()).isEqualTo(fit.logLikelihood());
        assertThat(fit.estimates()).isEmpty();
    }
}
