package org.neuromod.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neuromod.core.agent.neuromodulated.NeuromodulatedAgent;
import org.neuromod.core.environment.Reversal;
import org.neuromod.core.fit.FitMonitor;
import org.neuromod.core.fit.Fitter;
import org.neuromod.core.fit.HierarchicalFitter;
import org.neuromod.core.fit.Method;
import org.neuromod.core.fit.Model;
import org.neuromod.core.fit.ShadowLikelihood;
import org.neuromod.core.fit.Simulation;
import org.neuromod.core.fit.Subject;
import org.neuromod.core.fit.SubjectFit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of fitting (issue 13's targets): the shadow-replay likelihood of 1,000 trials of the
 * default neuromodulated agent ({@link #likelihood}, target ≤ 1 ms); a 3-parameter, 10-start MLE on
 * 1,000 trials ({@link #threeParameterFit}, ≤ 5 s); a hierarchical fit of 20 subjects × 1,000 trials
 * ({@link HierarchicalBenchmark}, ≤ 2 min). Subjects are neuromodulated agents on a reversal task
 * with stimulation (2 blocks of 500 trials).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FitBenchmark {

    static final Model THREE_PARAMETERS = Model.of(
            NeuromodulatedAgent.TYPE,
            List.of(
                    new Model.FreeSpec("surpriseScale", 0.001, 2.0, null),
                    new Model.FreeSpec("surpriseRate", 0.01, 1.0, null),
                    new Model.FreeSpec("stimulationGain", 0.0, 10.0, null)),
            Map.of());

    private ShadowLikelihood defaults;
    private Subject subject;
    private final double[] none = {};

    static Subject subject(int index) {
        var environment = Reversal.TYPE.create(
                Reversal.TYPE.resolve(Map.of("blocks", 2, "blockLength", 500, "stimulation", 0.1)), 100 + index);
        return Simulation.run(
                "s" + index,
                NeuromodulatedAgent.TYPE,
                NeuromodulatedAgent.TYPE.resolve(Map.of("surpriseScale", 0.2, "stimulationGain", 1.5)),
                0,
                environment,
                200 + index,
                300 + index,
                400 + index);
    }

    @Setup(Level.Trial)
    public void create() {
        subject = subject(0);
        defaults = new ShadowLikelihood(Model.of(NeuromodulatedAgent.TYPE, List.of(), Map.of()), subject);
    }

    /** ln L of 1,000 trials of the default neuromodulated agent: one evaluation of a fit's objective. */
    @Benchmark
    public double likelihood() {
        return defaults.logLikelihood(none);
    }

    /** A whole 3-parameter, 10-start MLE on 1,000 trials, Hessian and criteria included. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public SubjectFit threeParameterFit() {
        return Fitter.fit(
                THREE_PARAMETERS, subject, 0, new Fitter.Settings(Method.MLE, 10, 1), FitMonitor.NONE, () -> {});
    }

    /** A hierarchical fit (empirical-Bayes EM) of 20 subjects × 1,000 trials, 3 parameters, 10 starts. */
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(1)
    @State(Scope.Thread)
    public static class HierarchicalBenchmark {

        private List<Subject> subjects;

        @Setup(Level.Trial)
        public void create() {
            subjects = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                subjects.add(subject(i));
            }
        }

        @Benchmark
        public HierarchicalFitter.Result hierarchical() {
            return HierarchicalFitter.fit(
                    THREE_PARAMETERS,
                    subjects,
                    new HierarchicalFitter.Settings(new Fitter.Settings(Method.MLE, 10, 1), 50, 1e-3),
                    FitMonitor.NONE);
        }
    }
}
