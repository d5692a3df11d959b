package org.neuromod.benchmark;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.EnvironmentTruth;
import org.neuromod.core.agent.RandomGenerators;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One trial of an agent at its defaults on five Gaussian arms: {@code decide}, then {@code learn}
 * from a reward of the chosen arm. Rewards are drawn ahead of time so the measurement is the
 * agent's alone. With {@code -prof gc}, {@code gc.alloc.rate.norm} is the allocation per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AgentStepBenchmark {

    private static final int ARMS = 5;
    private static final int REWARDS = 1 << 16;

    /** An agent type name, or {@code neuromodulated-ensemble} for that estimator. */
    @Param({
        "neuromodulated",
        "neuromodulated-ensemble",
        "aleatoric-oracle",
        "full-oracle",
        "boltzmann",
        "discounted-ucb",
        "sliding-window-ucb",
        "discounted-thompson",
        "epsilon-greedy"
    })
    public String agent;

    private Agent subject;
    private double[][] rewards;
    private int trial;

    @Setup(Level.Trial)
    public void create() {
        var random = RandomGenerators.seeded(7);
        var gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        double[] means = new double[ARMS];
        double[] deviations = new double[ARMS];
        rewards = new double[ARMS][REWARDS];
        for (int a = 0; a < ARMS; a++) {
            means[a] = -5 + 10 * random.nextDouble();
            deviations[a] = 0.001 + 1.999 * random.nextDouble();
            for (int i = 0; i < REWARDS; i++) {
                rewards[a][i] = means[a] + deviations[a] * gaussian.sample();
            }
        }
        boolean ensemble = agent.equals("neuromodulated-ensemble");
        AgentType type = AgentCatalog.find(ensemble ? "neuromodulated" : agent).orElseThrow();
        var parameters = type.resolve(ensemble ? Map.of("estimator", "ensemble") : Map.of());
        subject = type.create(new AgentSetup(ARMS, parameters, 11, new FixedTruth(means, deviations)));
    }

    @Benchmark
    public void decideAndLearn(Blackhole blackhole) {
        Decision decision = subject.decide(0);
        int action = decision.action();
        double reward = rewards[action][trial++ & (REWARDS - 1)];
        blackhole.consume(decision);
        blackhole.consume(subject.learn(action, reward, 0));
    }

    private record FixedTruth(double[] means, double[] standardDeviations) implements EnvironmentTruth {}
}
