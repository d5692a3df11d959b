package org.neuromod.core.experiment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.neuromod.core.environment.Environment;

/**
 * Runs experiments on a fixed pool of worker threads, one task per (agent, seed index). Every run
 * is independent and seeded from the experiment alone, and results are combined in index order,
 * so the outcome does not depend on the number of threads or on scheduling.
 *
 * <p>One runner can serve several experiments at once; they share its threads, which bounds the
 * CPU that simulations take. Close it to stop the threads.
 */
public final class ExperimentRunner implements AutoCloseable {

    /** CPU time per thread, so that throughput can be reported independently of other load. */
    private static final ThreadMXBean THREAD_TIMES = ManagementFactory.getThreadMXBean();

    private final ExecutorService workers;
    private final int threads;

    /** A runner with one worker per available processor. */
    public ExperimentRunner() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public ExperimentRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a runner needs at least one thread, was " + threads);
        }
        this.threads = threads;
        var counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            var thread = new Thread(task, "experiment-" + counter.incrementAndGet());
            thread.setDaemon(true);
            // below request threads where the JVM maps priorities to the OS (Linux: -XX:ThreadPriorityPolicy=1)
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
    }

    /**
     * Runs every agent on every seed index and computes the statistics of SPEC 2.9.
     *
     * @throws CancellationException if the calling thread is interrupted while waiting; the
     *     simulations still running stop within one check of {@link Run}'s interrupt test
     */
    public ExperimentResult run(Experiment experiment) {
        return run(experiment, ExperimentProgress.NONE);
    }

    /**
     * {@link #run(Experiment)}, telling {@code progress} each time every agent has finished one more
     * seed index. Seed indices are started in order, all agents of one index together, so the count
     * grows steadily.
     */
    public ExperimentResult run(Experiment experiment, ExperimentProgress progress) {
        long started = System.nanoTime();
        List<ExperimentAgent> agents = experiment.agents();
        int seeds = experiment.seeds();
        var tasks = new ArrayList<Callable<Run>>(agents.size() * seeds);
        var cpuNanos = new LongAdder();
        var agentsDone = new AtomicIntegerArray(seeds);
        var seedsDone = new AtomicInteger();
        for (int seedIndex = 0; seedIndex < seeds; seedIndex++) {
            for (ExperimentAgent agent : agents) {
                int index = seedIndex;
                tasks.add(() -> {
                    long cpuStart = THREAD_TIMES.getCurrentThreadCpuTime();
                    Run run = Run.simulate(experiment, agent, index);
                    cpuNanos.add(THREAD_TIMES.getCurrentThreadCpuTime() - cpuStart);
                    if (agentsDone.incrementAndGet(index) == agents.size()) {
                        progress.seedsDone(seedsDone.incrementAndGet(), seeds);
                    }
                    return run;
                });
            }
        }
        progress.seedsDone(0, seeds);
        List<Run> seedMajor = collect(tasks);
        var runs = new ArrayList<Run>(seedMajor.size());
        for (int a = 0; a < agents.size(); a++) {
            for (int s = 0; s < seeds; s++) {
                runs.add(seedMajor.get(s * agents.size() + a));
            }
        }
        Environment probe = experiment.environment().create(experiment.environmentParameters(), 0);
        int[] binStarts = Run.binStarts(probe.trials(), probe.blockLength());
        var results = new ArrayList<AgentResult>(agents.size());
        for (int a = 0; a < agents.size(); a++) {
            results.add(summarise(agents.get(a), runs.subList(a * seeds, (a + 1) * seeds), binStarts));
        }
        var tested = withComparisons(results);
        long steps = (long) agents.size() * seeds * probe.trials();
        return new ExperimentResult(
                experiment,
                tested,
                steps,
                Duration.ofNanos(System.nanoTime() - started),
                Duration.ofNanos(cpuNanos.sum()),
                threads);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private List<Run> collect(List<Callable<Run>> tasks) {
        List<Future<Run>> futures;
        try {
            futures = workers.invokeAll(tasks);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("experiment interrupted");
        }
        var runs = new ArrayList<Run>(futures.size());
        for (Future<Run> future : futures) {
            try {
                runs.add(future.get());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CancellationException("experiment interrupted");
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("a simulation run failed", failed.getCause());
            }
        }
        return runs;
    }

    private static AgentResult summarise(ExperimentAgent agent, List<Run> runs, int[] binStarts) {
        int seeds = runs.size();
        var cumulative = new double[seeds];
        var finalBlock = new double[seeds];
        var bestArm = new double[seeds];
        var regret = new double[seeds][];
        var learningRate = new double[seeds][];
        var temperature = new double[seeds][];
        int changes = 0;
        for (int s = 0; s < seeds; s++) {
            Run run = runs.get(s);
            cumulative[s] = run.cumulativeRegret();
            finalBlock[s] = run.finalBlockRegret();
            bestArm[s] = run.bestArmFraction();
            regret[s] = run.regretBins();
            learningRate[s] = run.alignedLearningRate();
            temperature[s] = run.alignedTemperature();
            changes += run.changes();
        }
        return new AgentResult(
                agent,
                Estimate.of(cumulative),
                Estimate.of(finalBlock),
                Estimate.of(bestArm),
                new SwitchAligned(SwitchAligned.window(), Curve.over(learningRate), Curve.over(temperature), changes),
                new RegretCurve(binStarts, Curve.over(regret)),
                List.of(),
                new AgentResult.PerSeed(cumulative, finalBlock, bestArm));
    }

    /** Adds, to every agent, the comparison of its final-block regret with each paper baseline's. */
    private static List<AgentResult> withComparisons(List<AgentResult> results) {
        List<AgentResult> baselines = results.stream()
                .filter(r ->
                        Experiment.PAPER_BASELINES.contains(r.agent().type().name()))
                .toList();
        var tested = new ArrayList<AgentResult>(results.size());
        for (AgentResult result : results) {
            var comparisons = new ArrayList<BaselineComparison>();
            double[] sample = result.perSeed().finalBlockRegret();
            for (AgentResult baseline : baselines) {
                double[] reference = baseline.perSeed().finalBlockRegret();
                if (baseline != result && sample.length >= 2) {
                    comparisons.add(BaselineComparison.of(baseline.label(), sample, reference));
                }
            }
            tested.add(new AgentResult(
                    result.agent(),
                    result.cumulativeRegret(),
                    result.finalBlockRegret(),
                    result.bestArmFraction(),
                    result.switchAligned(),
                    result.regretCurve(),
                    comparisons,
                    result.perSeed()));
        }
        return tested;
    }
}
