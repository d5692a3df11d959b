package org.neuromod.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Kills the service with {@code SIGKILL} at random moments while clients run trial loops, restarts
 * it on the same database, and then checks every session's stored trial log against every answer
 * the clients were acknowledged (see {@link TrialLogCheck}). Each session is finally replayed on a
 * fresh twin with the same seed: a session that continued exactly must choose the same actions with
 * the same probabilities.
 *
 * <p>Clients retry every request that failed for want of an answer, as a rig would: the service
 * makes a retried act return the open trial and a repeated feedback return the stored answer. The
 * trials mix plain feedback, shadow-mode feedback naming another arm, no-response trials,
 * stimulation and batches ({@code POST /sessions/{id}/batch}, retried with the same body: the
 * service answers a batch it already applied with the stored trials). A batch's trials are checked
 * like the others and replayed on the twin one act and one feedback at a time.
 *
 * <p>Run with {@code ./mvnw -B -q -DskipTests package exec:exec@crash-harness
 * -Dargs="--database=h2 --kills=20"}.
 * It fails (non-zero exit) if anything acknowledged was lost or applied twice.
 */
public final class CrashHarness {

    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(240);
    private static final Duration TAIL_DEADLINE = Duration.ofSeconds(120);
    private static final int PAGE = 100;
    /** A trial number divisible by this starts a batch instead of an act... */
    private static final int BATCH_EVERY = 13;
    /** ...of this many trials. */
    private static final int BATCH_STEPS = 5;

    private CrashHarness() {}

    static Map<String, String> optionDefaults() {
        var defaults = ServiceUnderTest.optionDefaults();
        defaults.remove("url");
        defaults.put("kills", "20");
        defaults.put("sessions", "6");
        defaults.put("agent", "neuromodulated");
        defaults.put("arms", "4");
        defaults.put("seed", "1");
        defaults.put("min-uptime", "0.05");
        defaults.put("max-uptime", "2.5");
        defaults.put("tail", "30");
        return defaults;
    }

    public static void main(String[] args) throws Exception {
        var options = HarnessOptions.parse(args, optionDefaults());
        Path directory = Files.createTempDirectory("neuromod-crash-");
        ScratchDatabase database = null;
        ServiceProcess.Storage storage = ServiceProcess.Storage.h2();
        if (!options.text("database").equals("h2")) {
            database = ScratchDatabase.create(options.text("postgres-server"), options.text("postgres-user"), "crash");
            storage = ServiceProcess.Storage.postgresql(database.jdbcUrl(), database.user());
        }
        var service = new ServiceProcess(ServiceProcess.findJar(), directory, storage, options.words("jvm"));
        boolean clean = false;
        try {
            clean = run(options, service);
        } finally {
            service.stop();
            if (database != null) {
                database.close();
            }
            if (clean) {
                ServiceUnderTest.deleteRecursively(directory);
            } else {
                System.out.println("# service logs kept in " + directory);
            }
        }
        if (!clean) {
            throw new IllegalStateException("acknowledged trials were lost, duplicated or inconsistent");
        }
    }

    private static boolean run(HarnessOptions options, ServiceProcess service) throws Exception {
        var random = new SplittableRandom(options.integer("seed"));
        service.start();
        var port = new AtomicInteger(service.port());
        String agent;
        var clients = new ArrayList<Client>();
        try (var connection = new HttpConnection("127.0.0.1", port.get(), 10_000)) {
            agent = SessionApi.chooseAgent(connection, options.text("agent"));
            for (int index = 0; index < options.integer("sessions"); index++) {
                long seed = random.nextLong(1, Long.MAX_VALUE);
                String id = SessionApi.createSession(connection, agent, options.integer("arms"), seed);
                clients.add(new Client(id, options.integer("arms"), seed, port));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "# crash run on %s: %d sessions of %s with %d arms, %d kills%n",
                service.storage().describe(),
                clients.size(),
                agent,
                options.integer("arms"),
                options.integer("kills"));
        var threads = clients.stream()
                .map(client -> Thread.ofPlatform().name("crash-" + client.id).start(client))
                .toList();

        long minUptime = Math.round(options.number("min-uptime") * 1e9);
        long maxUptime = Math.round(options.number("max-uptime") * 1e9);
        int kills = 0;
        for (int k = 0; k < options.integer("kills"); k++) {
            awaitProgress(clients);
            Thread.sleep(Duration.ofNanos(random.nextLong(minUptime, maxUptime + 1)));
            long settledBefore = settled(clients);
            service.kill();
            kills++;
            service.start();
            port.set(service.port());
            System.out.printf(
                    Locale.ROOT, "# kill %d: after %d acknowledged trials, restarted%n", kills, settledBefore);
        }

        var afterLastRestart = clients.stream().mapToInt(c -> c.completed.get()).toArray();
        long tailDeadline = System.nanoTime() + TAIL_DEADLINE.toNanos();
        boolean continued = false;
        while (System.nanoTime() < tailDeadline && !continued) {
            continued = true;
            for (int index = 0; index < clients.size(); index++) {
                Client client = clients.get(index);
                continued &=
                        client.finished || client.completed.get() >= afterLastRestart[index] + options.integer("tail");
            }
            Thread.sleep(50);
        }
        clients.forEach(Client::stop);
        for (Thread thread : threads) {
            thread.join(REQUEST_DEADLINE.plusSeconds(10));
        }

        var findings = new ArrayList<TrialLogCheck.Findings>();
        int continuedSessions = 0;
        long acknowledgedTrials = 0;
        long acknowledgedActs = 0;
        try (var connection = new HttpConnection("127.0.0.1", port.get(), 30_000)) {
            for (int index = 0; index < clients.size(); index++) {
                Client client = clients.get(index);
                acknowledgedTrials += client.acknowledged.settledCount();
                acknowledgedActs += client.acknowledged.acts().size();
                if (client.completed.get() > afterLastRestart[index]) {
                    continuedSessions++;
                }
                var anomalies = client.acknowledged.anomalies();
                var rows = trialLog(connection, client.id);
                JsonNode session = SessionApi.json(
                        SessionApi.expect(connection.get("/sessions/" + client.id), "GET /sessions/" + client.id));
                JsonNode storedLogLikelihood = session.path("logLikelihood");
                var checked = TrialLogCheck.check(
                        client.id,
                        client.acknowledged,
                        rows,
                        session.path("trials").asLong(),
                        storedLogLikelihood.isNumber() ? storedLogLikelihood.asDouble() : Double.NaN);
                var twin = replayOnTwin(connection, client, agent, rows);
                var problems = new ArrayList<>(checked.problems());
                problems.addAll(anomalies);
                problems.addAll(twin);
                findings.add(new TrialLogCheck.Findings(
                        checked.lost(),
                        checked.duplicated(),
                        checked.inconsistent() + anomalies.size() + twin.size(),
                        problems));
            }
        }
        var total = TrialLogCheck.Findings.sum(findings);
        long retried = clients.stream().mapToLong(c -> c.retried.get()).sum();
        long batches = clients.stream().mapToLong(c -> c.batches.get()).sum();
        long batchesRetried =
                clients.stream().mapToLong(c -> c.batchesRetried.get()).sum();
        System.out.printf(
                Locale.ROOT,
                "%s: kills %d, restarts %d, sessions %d (continued after the last restart: %d), acknowledged acts %d,"
                        + " acknowledged trials %d, batches %d (acknowledged after a retry: %d), requests retried %d, lost %d,"
                        + " duplicated %d, inconsistent %d%n",
                service.storage().embedded() ? "H2" : "PostgreSQL",
                kills,
                service.starts() - 1,
                clients.size(),
                continuedSessions,
                acknowledgedActs,
                acknowledgedTrials,
                batches,
                batchesRetried,
                retried,
                total.lost(),
                total.duplicated(),
                total.inconsistent());
        total.problems().stream().limit(50).forEach(problem -> System.out.println("  " + problem));
        return total.clean() && continuedSessions == clients.size();
    }

    private static long settled(List<Client> clients) {
        return clients.stream().mapToLong(c -> c.acknowledged.settledCount()).sum();
    }

    /**
     * Waits (bounded) until the clients have had a trial acknowledged since the service started, so
     * that every kill lands while trials flow rather than during a slow start.
     */
    private static void awaitProgress(List<Client> clients) throws InterruptedException {
        long before = settled(clients);
        long deadline = System.nanoTime() + TAIL_DEADLINE.toNanos();
        while (settled(clients) == before
                && System.nanoTime() < deadline
                && !clients.stream().allMatch(client -> client.finished)) {
            Thread.sleep(10);
        }
    }

    private static List<JsonNode> trialLog(HttpConnection connection, String session) throws IOException {
        var rows = new ArrayList<JsonNode>();
        long total = Long.MAX_VALUE;
        while (rows.size() < total) {
            String path = "/sessions/" + session + "/trials?offset=" + rows.size() + "&limit=" + PAGE;
            JsonNode page = SessionApi.json(SessionApi.expect(connection.get(path), "GET " + path));
            total = page.path("total").asLong();
            if (page.path("items").isEmpty()) {
                break;
            }
            page.path("items").forEach(rows::add);
        }
        return rows;
    }

    /**
     * Replays a session's stored trials on a fresh session with the same seed, on the restarted
     * service: same actions, probabilities and prediction errors, or the crashed session did not
     * continue exactly.
     */
    private static List<String> replayOnTwin(
            HttpConnection connection, Client client, String agent, List<JsonNode> rows) throws IOException {
        var problems = new ArrayList<String>();
        String twin = SessionApi.createSession(connection, agent, client.arms, client.seed);
        for (JsonNode row : rows) {
            int trial = row.path("trial").asInt();
            String feedbackBody = client.acknowledged.feedbackBody(trial);
            if (feedbackBody == null) {
                break;
            }
            JsonNode act = SessionApi.json(SessionApi.expect(
                    connection.post("/sessions/" + twin + "/act", Client.actBody(trial)), "twin act"));
            JsonNode acknowledgedAct = client.acknowledged.acts().get(trial);
            if (acknowledgedAct == null
                    || act.path("action").asInt()
                            != acknowledgedAct.path("action").asInt()
                    || !act.path("probabilities").equals(acknowledgedAct.path("probabilities"))) {
                problems.add(client.id + ": twin diverges at trial " + trial + ": acts " + act.path("action") + " "
                        + act.path("probabilities") + ", the crashed session acknowledged " + acknowledgedAct);
                break;
            }
            JsonNode feedback = SessionApi.json(SessionApi.expect(
                    connection.post("/sessions/" + twin + "/feedback", feedbackBody), "twin feedback"));
            JsonNode acknowledgedFeedback = client.acknowledged.feedbacks().get(trial);
            if (!feedback.path("predictionError").equals(acknowledgedFeedback.path("predictionError"))
                    || !feedback.path("logLikelihood").equals(acknowledgedFeedback.path("logLikelihood"))) {
                problems.add(client.id + ": twin diverges at feedback of trial " + trial + ": " + feedback
                        + ", the crashed session acknowledged " + acknowledgedFeedback);
                break;
            }
        }
        SessionApi.expect(connection.delete("/sessions/" + twin), "DELETE twin");
        return problems;
    }

    /** One session's client: trial after trial, every request retried until the service answers. */
    static final class Client implements Runnable {
        final String id;
        final int arms;
        final long seed;
        final Acknowledgements acknowledged = new Acknowledgements();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        /** Batches acknowledged only after a retry: the service may have applied them before the kill. */
        final AtomicLong batchesRetried = new AtomicLong();

        private final AtomicInteger port;
        private final double[] means;
        private volatile boolean stopping;
        volatile boolean finished;
        private HttpConnection connection;
        private int connectedPort;

        Client(String id, int arms, long seed, AtomicInteger port) {
            this.id = id;
            this.arms = arms;
            this.seed = seed;
            this.port = port;
            this.means = new SplittableRandom(seed).doubles(arms, 0, 1).toArray();
        }

        void stop() {
            stopping = true;
        }

        @Override
        public void run() {
            try {
                int next = 1;
                while (!stopping) {
                    int done = next % BATCH_EVERY == 0 ? batch(next) : trial(next);
                    if (done == 0) {
                        return;
                    }
                    next += done;
                    completed.addAndGet(done);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                finished = true;
                if (connection != null) {
                    connection.close();
                }
            }
        }

        static String actBody(int trial) {
            return "{\"stimulation\":" + stimulation(trial) + "}";
        }

        /**
         * Stimulation on every fifth trial, as a stimulation protocol would, whether the trial is
         * acted on alone or in a batch: the twin's replay relies on it.
         */
        private static String stimulation(int trial) {
            return trial % 5 == 0 ? "0.05" : "0.0";
        }

        /**
         * Every eleventh trial gets no response; every seventh the subject takes the next arm
         * (shadow mode); the reward is a fixed function of trial and arm, so a retry resends exactly
         * the same body.
         */
        private String feedbackBody(int trial, int proposed) {
            if (trial % 11 == 0) {
                return "{\"trial\":" + trial + ",\"reward\":null}";
            }
            int action = trial % 7 == 0 ? (proposed + 1) % arms : proposed;
            double reward = new SplittableRandom(seed * 31 + trial).nextDouble() < means[action] ? 1.0 : 0.0;
            return "{\"trial\":" + trial + (action != proposed ? ",\"action\":" + action : "") + ",\"reward\":" + reward
                    + "}";
        }

        /** One trial by act and feedback; the number of trials acknowledged (1), or 0 on an anomaly. */
        private int trial(int next) throws InterruptedException {
            var act = call("/act", actBody(next));
            if (act == null) {
                return 0;
            }
            JsonNode decision = SessionApi.json(act);
            int trial = decision.path("trial").asInt();
            if (trial != next) {
                acknowledged.anomaly(id + ": act answered trial " + trial + " where trial " + next + " was next");
                return 0;
            }
            acknowledged.acted(trial, decision);
            String body = feedbackBody(trial, decision.path("action").asInt());
            var feedback = call("/feedback", body);
            if (feedback == null) {
                return 0;
            }
            acknowledged.settled(trial, body, SessionApi.json(feedback));
            return 1;
        }

        /**
         * {@link #BATCH_STEPS} trials in one batch request, each arm's reward a fixed function of trial
         * and arm so that a retry resends exactly the same body, each trial's stimulation the one an
         * act of that trial would have. Each trial of the answer is acknowledged as an act (its action
         * and probabilities) and as the feedback an act-and-feedback client would have sent (the
         * chosen arm's reward), so the log check and the twin's replay treat it like any other trial.
         * The number of trials acknowledged, or 0 on an anomaly.
         */
        private int batch(int first) throws InterruptedException {
            var steps = new ArrayList<String>();
            var rewards = new double[BATCH_STEPS][];
            for (int step = 0; step < BATCH_STEPS; step++) {
                rewards[step] = batchRewards(first + step);
                steps.add("{\"rewards\":" + Arrays.toString(rewards[step]).replace(" ", "") + ",\"stimulation\":"
                        + stimulation(first + step) + "}");
            }
            String body = "{\"firstTrial\":" + first + ",\"steps\":[" + String.join(",", steps) + "]}";
            long retriedBefore = retried.get();
            var answer = call("/batch", body);
            if (answer == null) {
                return 0;
            }
            batches.incrementAndGet();
            if (retried.get() > retriedBefore) {
                batchesRetried.incrementAndGet();
            }
            JsonNode trials = SessionApi.json(answer).path("trials");
            if (trials.size() != BATCH_STEPS) {
                acknowledged.anomaly(id + ": batch from trial " + first + " answered " + trials.size() + " trials");
                return 0;
            }
            for (int step = 0; step < BATCH_STEPS; step++) {
                JsonNode trial = trials.get(step);
                int number = trial.path("trial").asInt();
                int action = trial.path("action").asInt();
                if (number != first + step || action < 0 || action >= arms) {
                    acknowledged.anomaly(
                            id + ": batch from trial " + first + " answered " + trial + " at step " + step);
                    return 0;
                }
                acknowledged.acted(number, trial);
                acknowledged.settled(
                        number, "{\"trial\":" + number + ",\"reward\":" + rewards[step][action] + "}", trial);
            }
            return BATCH_STEPS;
        }

        private double[] batchRewards(int trial) {
            var random = new SplittableRandom(seed * 31 + trial);
            var rewards = new double[arms];
            for (int arm = 0; arm < arms; arm++) {
                rewards[arm] = random.nextDouble() < means[arm] ? 1.0 : 0.0;
            }
            return rewards;
        }

        /**
         * Sends until the service answers; transport failures and 5xx (a service starting or dying)
         * are retried, any other non-success is an anomaly. Null when there is no acknowledgement.
         */
        private HttpConnection.Response call(String action, String body) throws InterruptedException {
            long deadline = System.nanoTime() + REQUEST_DEADLINE.toNanos();
            String path = "/sessions/" + id + action;
            while (System.nanoTime() < deadline) {
                try {
                    var response = connection().post(path, body);
                    if (response.successful()) {
                        return response;
                    }
                    if (response.status() < 500) {
                        acknowledged.anomaly(id + ": " + action + " " + body + " answered " + response.status() + " "
                                + response.body());
                        return null;
                    }
                } catch (IOException e) {
                    connection.close();
                    connection = null;
                }
                retried.incrementAndGet();
                Thread.sleep(20);
            }
            acknowledged.anomaly(id + ": " + action + " " + body + " got no answer within " + REQUEST_DEADLINE);
            return null;
        }

        private HttpConnection connection() {
            int current = port.get();
            if (connection == null || connectedPort != current) {
                if (connection != null) {
                    connection.close();
                }
                connection = new HttpConnection("127.0.0.1", current, 10_000);
                connectedPort = current;
            }
            return connection;
        }
    }
}
