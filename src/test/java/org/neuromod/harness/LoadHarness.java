package org.neuromod.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * Drives complete trial loops (act, then feedback) against the service over loopback HTTP and
 * reports the latency of each act+feedback pair and the sustained trial rate.
 *
 * <p>Three modes. {@code open}: each session runs on its own connection and thread, its trials
 * scheduled at fixed intervals so that all sessions together offer {@code --rate} trials per
 * second; the latency of a trial is measured from its <em>scheduled</em> start, so a stall of the
 * service delays every trial queued behind it and shows in the percentiles instead of silently
 * lowering the request rate (no coordinated omission). {@code max}: closed loop, every session
 * starts its next trial as soon as the previous one is answered, which measures the highest
 * sustained rate. {@code batch}: closed loop of batches ({@code POST /sessions/{id}/batch}),
 * every session posting its next batch of {@code --batch-steps} trials as soon as the previous
 * one is answered, each step the outcomes of every arm drawn from the session's seeded Bernoulli
 * bandit; its rows report trials per second and the latency of a whole batch request, and count
 * as errors the batch requests that failed. {@code max} and {@code batch} run once per {@code
 * --max-sessions} value. {@code job}: the open loop twice per {@code --sessions} value in one run,
 * first idle (row {@code idle}), then while an asynchronous experiment of {@code --job-seeds}
 * seeds of the paper's bandit for five agents runs on the service (row {@code job}, with the seeds
 * the job finished meanwhile); the job is cancelled afterwards. Both rows show how much a running
 * job costs the trial path.
 * --max-sessions} value. {@code viewers}: one session's open loop at {@code --viewer-rate} trials per
 * second, alternately without followers and with {@code --viewers} clients on its event stream
 * (dashboards), {@code --viewer-rounds} times each, in the same run, so their ratio shows what
 * following costs the rig.
 *
 * <p>Run with {@code ./mvnw -B -q -DskipTests package exec:exec@load-harness -Dargs="--database=h2"};
 * options are
 * listed in {@link #optionDefaults()}. Before the per-call rows, {@code --prewarm} seconds of
 * unmeasured closed-loop trials on 8 sessions let the service's JIT compilers finish; before the
 * batch rows, as many seconds of unmeasured batches.
 */
public final class LoadHarness {

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    private LoadHarness() {}

    static java.util.Map<String, String> optionDefaults() {
        var defaults = ServiceUnderTest.optionDefaults();
        defaults.put("mode", "open,max");
        defaults.put("sessions", "1,8,64");
        defaults.put("rate", "200,1000,1000");
        defaults.put("max-sessions", "1,8,64");
        defaults.put("prewarm", "30");
        defaults.put("warmup", "10");
        defaults.put("duration", "30");
        defaults.put("agent", "neuromodulated");
        defaults.put("arms", "5");
        defaults.put("seed", "1");
        defaults.put("batch-steps", "100");
        defaults.put("job-seeds", "1000");
        defaults.put("viewers", "50");
        defaults.put("viewer-rate", "50");
        defaults.put("viewer-rounds", "3");
        return defaults;
    }

    public static void main(String[] args) throws Exception {
        var options = HarnessOptions.parse(args, optionDefaults());
        var modes = options.words("mode");
        var sessionCounts = options.integers("sessions");
        var rates = options.numbers("rate");
        if (rates.size() != 1 && rates.size() != sessionCounts.size()) {
            throw new IllegalArgumentException("--rate needs one value, or one per --sessions value");
        }
        var warmup = Duration.ofMillis(Math.round(options.number("warmup") * 1000));
        var duration = Duration.ofMillis(Math.round(options.number("duration") * 1000));
        try (var service = ServiceUnderTest.open(options, "load")) {
            String agent;
            try (var connection = service.connect(10_000)) {
                agent = SessionApi.chooseAgent(connection, options.text("agent"));
            }
            var plan = new Plan(
                    agent,
                    options.integer("arms"),
                    options.integer("seed"),
                    warmup,
                    duration,
                    options.integer("batch-steps"));
            System.out.printf(
                    Locale.ROOT,
                    "# %s; agent %s, %d arms; %d processors; load average %s; %s%n",
                    service.description(),
                    agent,
                    plan.arms(),
                    Runtime.getRuntime().availableProcessors(),
                    loadAverage(),
                    Runtime.version());
            // The service's JIT compilers need processor time that a measured warm-up window would not
            // give them. Batches are pre-warmed only after the per-call rows: their millions of rows
            // would otherwise still be written out by the database while those rows are measured.
            var prewarm = new Plan(
                    agent,
                    plan.arms(),
                    plan.seed() + 1_000,
                    Duration.ZERO,
                    Duration.ofMillis(Math.round(options.number("prewarm") * 1000)),
                    plan.batchSteps());
            boolean prewarming = options.number("prewarm") > 0;
            if (prewarming && (modes.contains("open") || modes.contains("max") || modes.contains("viewers"))) {
                closedLoop(service, prewarm, 8);
            }
            System.out.println(Result.HEADER);
            if (modes.contains("open")) {
                for (int i = 0; i < sessionCounts.size(); i++) {
                    double rate = rates.size() == 1 ? rates.get(0) : rates.get(i);
                    System.out.println(openLoop(service, plan, sessionCounts.get(i), rate));
                }
            }
            if (modes.contains("max")) {
                for (int sessions : options.integers("max-sessions")) {
                    System.out.println(closedLoop(service, plan, sessions));
                }
            }
            if (modes.contains("batch")) {
                if (prewarming) {
                    batchLoop(service, prewarm, 8);
                }
                for (int sessions : options.integers("max-sessions")) {
                    System.out.println(batchLoop(service, plan, sessions));
                }
            }
            if (modes.contains("job")) {
                for (int i = 0; i < sessionCounts.size(); i++) {
                    double rate = rates.size() == 1 ? rates.get(0) : rates.get(i);
                    System.out.println(
                            openLoop(service, plan, sessionCounts.get(i), rate).as("idle"));
                    var job = BackgroundExperiment.start(service, options.integer("job-seeds"));
                    Result during = openLoop(service, plan, sessionCounts.get(i), rate);
                    long seeds = job.stop();
                    System.out.println(during.as("job") + "  (job: " + seeds + " seeds done meanwhile)");
                }
            }
            if (modes.contains("viewers")) {
                viewerRows(
                        service,
                        plan,
                        options.integer("viewers"),
                        options.number("viewer-rate"),
                        options.integer("viewer-rounds"));
            }
            System.out.printf(Locale.ROOT, "# load average after: %s%n", loadAverage());
        }
    }

    /**
     * What every run shares: the agent to drive, its arms, seeds, the measurement window and the
     * steps of one batch.
     */
    record Plan(String agent, int arms, long seed, Duration warmup, Duration duration, int batchSteps) {}

    /** One run's numbers; latencies in microseconds. */
    record Result(
            String mode,
            int sessions,
            double offeredRate,
            long trials,
            long errors,
            long unfinished,
            double trialsPerSecond,
            Histogram latency) {

        /** The same numbers under another mode name. */
        Result as(String name) {
            return new Result(name, sessions, offeredRate, trials, errors, unfinished, trialsPerSecond, latency);
        }

        static final String HEADER =
                "mode   sessions  offered/s   trials  errors  unfinished  trials/s   p50 ms   p99 ms p99.9 ms   max ms";

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-6s %8d  %9s  %7d  %6d  %10d  %8.0f  %7.3f  %7.3f  %7.3f  %7.3f",
                    mode,
                    sessions,
                    offeredRate > 0 ? String.format(Locale.ROOT, "%.0f", offeredRate) : "-",
                    trials,
                    errors,
                    unfinished,
                    trialsPerSecond,
                    millis(latency.getValueAtPercentile(50)),
                    millis(latency.getValueAtPercentile(99)),
                    millis(latency.getValueAtPercentile(99.9)),
                    millis(latency.getMaxValue()));
        }

        Result withMode(String name) {
            return new Result(name, sessions, offeredRate, trials, errors, unfinished, trialsPerSecond, latency);
        }

        private static double millis(long micros) {
            return micros / 1000.0;
        }
    }

    /**
     * Offers {@code rate} trials per second spread evenly over {@code sessions} sessions, measuring
     * each trial from its scheduled start.
     */
    static Result openLoop(ServiceUnderTest service, Plan plan, int sessions, double rate) throws Exception {
        return openLoop(service, plan, Worker.create(service, plan, sessions), rate);
    }

    private static Result openLoop(ServiceUnderTest service, Plan plan, List<Worker> workers, double rate)
            throws Exception {
        int sessions = workers.size();
        long interval = Math.round(sessions * 1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + plan.warmup().toNanos();
        long measureUntil = measureFrom + plan.duration().toNanos();
        long giveUpAt = measureUntil + DRAIN_LIMIT.toNanos();
        for (int index = 0; index < sessions; index++) {
            long offset = interval * index / sessions;
            workers.get(index).start(connection -> {
                var outcome = new Outcome();
                for (long k = 0; ; k++) {
                    long scheduled = start + offset + k * interval;
                    if (scheduled >= measureUntil) {
                        return outcome;
                    }
                    if (System.nanoTime() > giveUpAt) {
                        outcome.unfinished +=
                                (measureUntil - Math.max(scheduled, measureFrom) + interval - 1) / interval;
                        return outcome;
                    }
                    sleepUntil(scheduled);
                    boolean answered = connection.trial();
                    long finished = System.nanoTime();
                    if (scheduled >= measureFrom) {
                        outcome.count(answered, finished - scheduled, finished);
                    }
                }
            });
        }
        return collect("open", sessions, rate, workers, measureFrom, measureUntil, false);
    }

    /**
     * Rows of one session's open loop without and with {@code viewers} followers on its event
     * stream, alternating, then the ratio of their median latencies.
     */
    static void viewerRows(ServiceUnderTest service, Plan plan, int viewers, double rate, int rounds) throws Exception {
        var alone = new ArrayList<Double>();
        var followed = new ArrayList<Double>();
        for (int round = 0; round < rounds; round++) {
            for (int followers : new int[] {0, viewers}) {
                var workers = Worker.create(service, plan, 1);
                try (var streams = DashboardViewers.open(
                        service.host(), service.port(), workers.getFirst().sessionId, followers)) {
                    Result result = openLoop(service, plan, workers, rate);
                    System.out.println(result.withMode("view" + followers));
                    (followers == 0 ? alone : followed).add(result.latency().getValueAtPercentile(50) / 1000.0);
                    if (followers > 0) {
                        // every follower's events arrive within a poll of the last trial
                        Thread.sleep(2_000);
                        long trials = workers.getFirst().trialsRun(service);
                        System.out.printf(
                                Locale.ROOT,
                                "# %d followers received %d events (%d refused); %d of them reached %d:closed,"
                                        + " the session's last trial%n",
                                followers,
                                streams.events(),
                                streams.refused(),
                                streams.reached(trials + ":closed"),
                                trials);
                    }
                }
            }
        }
        double aloneMedian = median(alone);
        double followedMedian = median(followed);
        System.out.printf(
                Locale.ROOT,
                "# act+feedback p50 with %d followers / without, median over %d rounds: %.3f / %.3f ms = %.2f%n",
                viewers,
                rounds,
                followedMedian,
                aloneMedian,
                followedMedian / aloneMedian);
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Every session runs trials back to back; the rate is what the service sustains. */
    static Result closedLoop(ServiceUnderTest service, Plan plan, int sessions) throws Exception {
        return backToBack(
                "max", Worker.create(service, plan, sessions), plan, worker -> worker.trials.trial() ? 1 : -1);
    }

    /**
     * Every session posts batches back to back; the rate is the trials per second the service
     * sustains that way, the latency that of one batch request.
     */
    static Result batchLoop(ServiceUnderTest service, Plan plan, int sessions) throws Exception {
        return backToBack("batch", Worker.create(service, plan, sessions), plan, worker -> worker.batches.batch());
    }

    /**
     * Every worker sends its next request as soon as the last one is answered; {@code request}
     * returns the trials it completed, or -1 if it failed.
     */
    private static Result backToBack(String mode, List<Worker> workers, Plan plan, ToIntFunction<Worker> request)
            throws Exception {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + plan.warmup().toNanos();
        long measureUntil = measureFrom + plan.duration().toNanos();
        for (Worker worker : workers) {
            worker.run(() -> {
                var outcome = new Outcome();
                sleepUntil(start);
                while (true) {
                    long begun = System.nanoTime();
                    if (begun >= measureUntil) {
                        return outcome;
                    }
                    int completed = request.applyAsInt(worker);
                    long finished = System.nanoTime();
                    if (begun >= measureFrom && finished <= measureUntil) {
                        outcome.countRequest(completed, finished - begun, finished);
                    }
                }
            });
        }
        return collect(mode, workers.size(), 0, workers, measureFrom, measureUntil, true);
    }

    private static Result collect(
            String mode,
            int sessions,
            double rate,
            List<Worker> workers,
            long measureFrom,
            long measureUntil,
            boolean closed)
            throws Exception {
        var latency = new Histogram(HIGHEST_MICROS, 3);
        long trials = 0;
        long errors = 0;
        long unfinished = 0;
        long lastFinish = measureUntil;
        for (Worker worker : workers) {
            Outcome outcome = worker.await(measureUntil + DRAIN_LIMIT.toNanos() + TimeUnit.SECONDS.toNanos(15));
            latency.add(outcome.latency);
            trials += outcome.trials;
            errors += outcome.errors;
            unfinished += outcome.unfinished;
            lastFinish = Math.max(lastFinish, outcome.lastFinish);
        }
        long window = (closed ? measureUntil : lastFinish) - measureFrom;
        return new Result(mode, sessions, rate, trials, errors, unfinished, trials * 1e9 / window, latency);
    }

    /**
     * The paper's experiment for five agents submitted as a job ({@code Prefer: respond-async}),
     * running once it has started; {@link #stop()} cancels it.
     */
    static final class BackgroundExperiment {

        private static final String AGENTS = "[{\"label\": \"nm\", \"agent\": \"neuromodulated\"},"
                + " {\"label\": \"bz\", \"agent\": \"boltzmann\"}, {\"label\": \"ucb\", \"agent\": \"discounted-ucb\"},"
                + " {\"label\": \"fo\", \"agent\": \"full-oracle\"}, {\"label\": \"ao\", \"agent\": \"aleatoric-oracle\"}]";

        private final HttpConnection connection;
        private final String location;

        private BackgroundExperiment(HttpConnection connection, String location) {
            this.connection = connection;
            this.location = location;
        }

        static BackgroundExperiment start(ServiceUnderTest service, int seeds) throws Exception {
            var connection = service.connect(30_000);
            String body = "{\"environment\": \"paper-bandit\", \"seeds\": " + seeds + ", \"seed\": 1, \"agents\": "
                    + AGENTS + "}";
            var response = connection.send(
                    "POST",
                    "/experiments",
                    List.of("Content-Type: application/json", "Accept: application/json", "Prefer: respond-async"),
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    false);
            if (response.status() != 202) {
                throw new IOException("the experiment was not accepted: " + response.status() + " " + response.body());
            }
            String id = SessionApi.JSON.readTree(response.body()).path("id").asString();
            var job = new BackgroundExperiment(connection, "/experiments/" + id);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!job.document().path("status").asString().equals("running")) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the experiment did not start within 60 s");
                }
                Thread.sleep(50);
            }
            return job;
        }

        private JsonNode document() throws IOException {
            return SessionApi.JSON.readTree(connection.get(location).body());
        }

        /** Cancels the job; returns the seeds it had finished. */
        long stop() throws IOException {
            long done = document().path("progress").path("done").asLong();
            connection.delete(location);
            connection.close();
            return done;
        }
    }

    private static void sleepUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException unavailable) {
            return "unknown";
        }
    }

    /** What one session's worker measured inside the window. */
    static final class Outcome {
        final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        long trials;
        long errors;
        long unfinished;
        long lastFinish;

        void count(boolean answered, long nanos, long finished) {
            trials++;
            lastFinish = finished;
            if (answered) {
                latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
            } else {
                errors++;
            }
        }

        /**
         * One request of a closed loop: its trials if it was answered, an error if not; the
         * latency is that of the request.
         *
         * @param completed the request's trials (1 for an act+feedback pair, the steps of a batch),
         *     or a negative number if the request failed
         */
        void countRequest(int completed, long nanos, long finished) {
            lastFinish = finished;
            if (completed >= 0) {
                trials += completed;
                latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
            } else {
                errors++;
            }
        }
    }

    /**
     * A Bernoulli bandit whose outcomes are drawn in advance: each arm pays 1 with its own
     * probability (drawn uniformly once), else 0, independently on every step, whatever the agent
     * chooses. That independence is what makes a pre-sampled outcome table valid for a batch.
     */
    static final class BernoulliRewards {
        private final double[] probabilities;
        private final SplittableRandom random;

        BernoulliRewards(int arms, SplittableRandom random) {
            this.random = random;
            this.probabilities = random.doubles(arms).toArray();
        }

        double probability(int arm) {
            return probabilities[arm];
        }

        /** The JSON array of {@code count} steps, each {@code {"rewards": [...]}} with every arm's outcome. */
        String steps(int count) {
            var json = new StringBuilder(count * (16 + 4 * probabilities.length)).append('[');
            for (int step = 0; step < count; step++) {
                json.append(step == 0 ? "{\"rewards\":[" : ",{\"rewards\":[");
                for (int arm = 0; arm < probabilities.length; arm++) {
                    json.append(arm == 0 ? "" : ",").append(random.nextDouble() < probabilities[arm] ? "1.0" : "0.0");
                }
                json.append("]}");
            }
            return json.append(']').toString();
        }
    }

    /** One session's batches on its own connection, each starting at the session's next trial. */
    static final class BatchConnection {
        private final HttpConnection connection;
        private final String sessionPath;
        private final String batchPath;
        private final BernoulliRewards rewards;
        private final int steps;
        private long nextTrial = 1;

        BatchConnection(HttpConnection connection, String sessionId, BernoulliRewards rewards, int steps) {
            this.connection = connection;
            this.sessionPath = "/sessions/" + sessionId;
            this.batchPath = sessionPath + "/batch";
            this.rewards = rewards;
            this.steps = steps;
        }

        /**
         * Posts the next batch; its number of trials if it was applied, else -1. After a failure
         * the next trial number is read back from the session, since a request whose answer was
         * lost may have been applied.
         */
        int batch() {
            String body = "{\"firstTrial\":" + nextTrial + ",\"steps\":" + rewards.steps(steps) + "}";
            try {
                if (connection.post(batchPath, body).successful()) {
                    nextTrial += steps;
                    return steps;
                }
            } catch (IOException | RuntimeException e) {
                // counted as a failed batch below
            }
            resynchronise();
            return -1;
        }

        long nextTrial() {
            return nextTrial;
        }

        private void resynchronise() {
            try {
                var session = connection.get(sessionPath);
                if (session.successful()) {
                    nextTrial = SessionApi.json(session).path("trials").asLong() + 1;
                }
            } catch (IOException | RuntimeException e) {
                // the next batch fails as well and tries again
            }
        }
    }

    /** One session's trial loop on its own connection: act, then feedback with a simulated reward. */
    static final class TrialConnection {
        private final HttpConnection connection;
        private final String actPath;
        private final String feedbackPath;
        private final double[] means;
        private final SplittableRandom random;

        TrialConnection(HttpConnection connection, String sessionId, double[] means, SplittableRandom random) {
            this.connection = connection;
            this.actPath = "/sessions/" + sessionId + "/act";
            this.feedbackPath = "/sessions/" + sessionId + "/feedback";
            this.means = means;
            this.random = random;
        }

        /** One act+feedback pair; false if either call failed. */
        boolean trial() {
            try {
                var act = connection.post(actPath, "{}");
                if (!act.successful()) {
                    return false;
                }
                JsonNode decision = SessionApi.json(act);
                long trial = decision.path("trial").asLong();
                int action = decision.path("action").asInt();
                double reward = means[action] + random.nextGaussian();
                var feedback = connection.post(feedbackPath, "{\"trial\":" + trial + ",\"reward\":" + reward + "}");
                return feedback.successful();
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }

    @FunctionalInterface
    interface Loop {
        Outcome run(TrialConnection connection) throws Exception;
    }

    /** A session of its own, its connection and the thread that runs its loop. */
    static final class Worker {
        private final HttpConnection connection;
        private final TrialConnection trials;
        private final BatchConnection batches;
        private final String name;
        final String sessionId;
        private Thread thread;
        private volatile Outcome outcome;
        private volatile Exception failure;

        private Worker(ServiceUnderTest service, Plan plan, int index) throws IOException {
            name = "load-session-" + index;
            connection = service.connect(30_000);
            var random = new SplittableRandom(plan.seed() * 1_000_003L + index);
            sessionId = SessionApi.createSession(connection, plan.agent(), plan.arms(), plan.seed() + index);
            double[] means = random.doubles(plan.arms(), -5, 5).toArray();
            trials = new TrialConnection(connection, sessionId, means, random);
            // a generator of its own, so that the per-trial modes draw what they always drew
            var batchRandom = new SplittableRandom(~(plan.seed() * 1_000_003L + index));
            batches = new BatchConnection(
                    connection, sessionId, new BernoulliRewards(plan.arms(), batchRandom), plan.batchSteps());
        }

        /** Creates every session before any loop starts, so creation never delays a scheduled trial. */
        static List<Worker> create(ServiceUnderTest service, Plan plan, int sessions) throws IOException {
            var workers = new ArrayList<Worker>();
            for (int index = 0; index < sessions; index++) {
                workers.add(new Worker(service, plan, index));
            }
            return workers;
        }

        /** The trials the session holds now. */
        long trialsRun(ServiceUnderTest service) throws IOException {
            try (var reader = service.connect(10_000)) {
                return SessionApi.json(reader.get("/sessions/" + sessionId))
                        .path("trials")
                        .asLong();
            }
        }

        void start(Loop loop) {
            run(() -> loop.run(trials));
        }

        void run(Callable<Outcome> loop) {
            thread = Thread.ofPlatform().name(name).start(() -> {
                try {
                    outcome = loop.call();
                } catch (Exception e) {
                    failure = e;
                } finally {
                    connection.close();
                }
            });
        }

        Outcome await(long deadline) throws Exception {
            long remaining = deadline - System.nanoTime();
            if (!thread.join(Duration.ofNanos(Math.max(1, remaining)))) {
                connection.close();
                thread.interrupt();
                thread.join(Duration.ofSeconds(5));
                throw new IllegalStateException(name + " did not finish in time");
            }
            if (failure != null) {
                throw failure;
            }
            return outcome;
        }
    }
}
