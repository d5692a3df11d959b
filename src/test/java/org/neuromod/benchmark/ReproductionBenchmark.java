package org.neuromod.benchmark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neuromod.core.experiment.Experiment;
import org.neuromod.core.experiment.ExperimentAgent;
import org.neuromod.core.experiment.ExperimentResult;
import org.neuromod.core.experiment.ExperimentRunner;
import org.neuromod.core.experiment.PaperExperiment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The paper's reproduction with five agents (neuromodulated, boltzmann, discounted-ucb and the two
 * oracles) over 200 seeds of 8,000 trials: 8 million steps on every processor, statistics
 * included. One shot per iteration; the target is 30 s on two cores.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ReproductionBenchmark {

    @Param({"200"})
    public int seeds;

    private ExperimentRunner runner;
    private Experiment experiment;

    @Setup(Level.Trial)
    public void create() {
        runner = new ExperimentRunner();
        List<ExperimentAgent> agents = List.of(
                ExperimentAgent.of("neuromodulated", "neuromodulated", Map.of()),
                ExperimentAgent.of("boltzmann", "boltzmann", Map.of()),
                ExperimentAgent.of("discounted-ucb", "discounted-ucb", Map.of()),
                ExperimentAgent.of("aleatoric-oracle", "aleatoric-oracle", Map.of()),
                ExperimentAgent.of("full-oracle", "full-oracle", Map.of()));
        experiment = PaperExperiment.create(agents, seeds, 1, Map.of());
    }

    @TearDown(Level.Trial)
    public void stop() {
        runner.close();
    }

    @Benchmark
    public ExperimentResult reproduce() {
        return runner.run(experiment);
    }
}
