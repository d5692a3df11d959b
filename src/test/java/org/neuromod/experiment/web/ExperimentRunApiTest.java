package org.neuromod.experiment.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neuromod.Api;
import org.neuromod.Api.Reply;
import org.neuromod.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Experiments over real HTTP: asynchronous runs (202, status, progress, the synchronous answer and
 * files, cancellation), the budgets, bad ids, and a synchronous run whose client goes away. A
 * stopped simulation is seen in the CPU time of the experiment worker threads, which stops
 * growing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExperimentRunApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String ASYNC = "respond-async";

    /** About 40 s of CPU on one core: long enough to be stopped midway. */
    private static final String LONG = """
            {"environment": "paper-bandit", "seeds": 1000, "seed": 3,
             "agents": [{"label": "nm", "agent": "neuromodulated"}, {"label": "b", "agent": "boltzmann"},
                        {"label": "u", "agent": "discounted-ucb"}, {"label": "o", "agent": "full-oracle"}]}""";

    private static final String SMALL = """
            {"environment": "reversal", "environmentParameters": {"blocks": 2, "blockLength": 50}, "seeds": 4,
             "seed": 11, "agents": [{"label": "b", "agent": "boltzmann"}, {"label": "u", "agent": "discounted-ucb"}]}""";

    @LocalServerPort
    int port;

    Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshH2().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void anAsynchronousRunEndsWithTheSynchronousAnswerAndItsFiles() {
        Reply accepted = api.post("/experiments", SMALL, "Prefer", ASYNC);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("Preference-Applied")).isEqualTo(ASYNC);
        String location = accepted.header("Location");
        assertThat(location).matches("/experiments/[0-9a-f-]{36}");
        assertThat(accepted.json().path("id").asString()).isEqualTo(location.substring("/experiments/".length()));
        assertThat(accepted.json().path("status").asString()).isIn("queued", "running", "done");

        JsonNode done = awaitFinished(location);
        JsonNode synchronous = api.post("/experiments", SMALL).json();

        assertThat(done.path("status").asString()).isEqualTo("done");
        assertThat(done.path("progress").path("done").asLong()).isEqualTo(4);
        assertThat(done.path("progress").path("total").asLong()).isEqualTo(4);
        assertThat(done.path("expiresAt").asString()).isNotBlank();
        assertThat(done.path("results")).isEqualTo(synchronous.path("results"));
        assertThat(done.path("seed").asLong()).isEqualTo(11);
        assertThat(done.path("steps").asLong())
                .isEqualTo(synchronous.path("steps").asLong());
        assertThat(done.path("files").path("summary.csv").asString()).isEqualTo(location + "/files/summary.csv");

        Reply csv = api.get(location + "/files/summary.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("label,").contains("\nb,").contains("\nu,");
        assertThat(api.get(location, "text/csv").body()).isEqualTo(csv.body());
        assertThat(api.get(location + "/files/regret.png").contentType()).isEqualTo("image/png");
        assertThat(api.get(location + "/files/results.json")
                        .json()
                        .path("results")
                        .get(0)
                        .has("perSeed"))
                .isTrue();
        assertThat(api.get(location + "/files/nothing.csv").problemType()).isEqualTo("experiment-not-found");
        assertThat(api.delete(location).json().path("status").asString()).isEqualTo("done");

        for (String metric : new String[] {"queued", "running", "running.here", "duration"}) {
            assertThat(api.get("/actuator/metrics/neuromod.jobs." + metric).status())
                    .as(metric)
                    .isEqualTo(200);
        }
        assertThat(api.get("/actuator/metrics/neuromod.jobs.duration?tag=kind:experiment&tag=status:done")
                        .json()
                        .path("measurements")
                        .get(0)
                        .path("value")
                        .asDouble())
                .isPositive();
    }

    @Test
    void aPreferHeaderWithoutRespondAsyncRunsSynchronously() {
        Reply reply = api.post("/experiments", SMALL, "Prefer", "return=minimal");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("results")).hasSize(2);
        assertThat(ExperimentRunController.respondAsync(java.util.List.of("wait=5, Respond-Async")))
                .isTrue();
    }

    @Test
    void deleteCancelsARunningExperimentAndItsSimulationStops() {
        String location = api.post("/experiments", LONG, "Prefer", ASYNC).header("Location");
        awaitStatus(location, "running");
        awaitProgress(location);

        long cancelled = System.nanoTime();
        Reply reply = api.delete(location);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asString()).isEqualTo("cancelled");
        Duration stopped = awaitSimulationsIdle(cancelled);
        System.out.printf(
                "cancelled experiment: simulation CPU stopped growing within %d ms of the DELETE%n",
                stopped.toMillis());
        assertThat(api.get(location).json().path("status").asString()).isEqualTo("cancelled");
        assertThat(api.get(location).json().has("results")).isFalse();
    }

    @Test
    void aSynchronousRunWhoseClientGoesAwayStops() throws Exception {
        long disconnected;
        try (var socket = new Socket("127.0.0.1", port)) {
            byte[] body = LONG.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /experiments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout((int) PATIENCE.toMillis());
            // the status line arrives once the run has outlasted the quiet period
            assertThat(new String(in.readNBytes(12), StandardCharsets.ISO_8859_1))
                    .isEqualTo("HTTP/1.1 200");
            awaitSimulationsBusy();
            disconnected = System.nanoTime();
        }
        Duration stopped = awaitSimulationsIdle(disconnected);
        System.out.printf(
                "disconnected synchronous experiment: simulation CPU stopped growing within %d ms of the close%n",
                stopped.toMillis());
    }

    @Test
    void overBudgetRunsAreRefusedWithTheBudgetNamed() {
        String big = """
                {"environment": "paper-bandit", "environmentParameters": {"arms": 1000}, "seeds": 200, "seed": 1,
                 "agents": [{"agent": "discounted-thompson"}]}""";
        Reply synchronous = api.post("/experiments", big);
        assertThat(synchronous.status()).isEqualTo(400);
        assertThat(synchronous.problemType()).isEqualTo("over-budget");
        assertThat(synchronous.json().path("detail").asString())
                .contains("neuromod.experiments.max-sync-cost")
                .contains("Prefer: respond-async");
        assertThat(synchronous.json().path("cost").asLong()).isEqualTo(200L * 8000 * 1000);

        String huge = big.replace("\"seeds\": 200", "\"seeds\": 1000")
                .replace(
                        "[{\"agent\": \"discounted-thompson\"}]",
                        "[{\"agent\": \"discounted-thompson\", \"label\": \"a\"},"
                                + " {\"agent\": \"discounted-thompson\", \"label\": \"b\"},"
                                + " {\"agent\": \"discounted-thompson\", \"label\": \"c\"}]");
        Reply asynchronous = api.post("/experiments", huge, "Prefer", ASYNC);
        assertThat(asynchronous.status()).isEqualTo(400);
        assertThat(asynchronous.problemType()).isEqualTo("over-budget");
        assertThat(asynchronous.json().path("limit").asString()).isEqualTo("neuromod.experiments.max-async-cost");

        Reply invalid = api.post(
                "/experiments", "{\"environment\": \"nowhere\", \"seeds\": 1, \"agents\": []}", "Prefer", ASYNC);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.problemType()).isEqualTo("validation");
    }

    @Test
    void unknownIdsAreNotFoundAndMalformedOnesAreBadRequests() {
        String unknown = "/experiments/" + UUID.randomUUID();
        assertThat(api.get(unknown).status()).isEqualTo(404);
        assertThat(api.get(unknown).problemType()).isEqualTo("experiment-not-found");
        assertThat(api.delete(unknown).status()).isEqualTo(404);
        assertThat(api.get(unknown + "/files/summary.csv").status()).isEqualTo(404);
        for (String malformed : new String[] {"not-a-uuid", "123e4567-e89b-12d3-a456-42661417400z", "x".repeat(500)}) {
            Reply reply = api.get("/experiments/" + malformed);
            assertThat(reply.status()).as(malformed).isEqualTo(400);
            assertThat(reply.problemType()).isEqualTo("validation");
            assertThat(api.delete("/experiments/" + malformed).status()).isEqualTo(400);
        }
    }

    private JsonNode awaitFinished(String location) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = api.get(location).json();
            String status = run.path("status").asString();
            if (!status.equals("queued") && !status.equals("running")) {
                return run;
            }
            sleep(50);
        }
        throw new AssertionError(location + " did not finish within " + PATIENCE);
    }

    private void awaitStatus(String location, String wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!api.get(location).json().path("status").asString().equals(wanted)) {
            assertThat(System.nanoTime()).as("waiting for " + wanted).isLessThan(deadline);
            sleep(50);
        }
    }

    private void awaitProgress(String location) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (api.get(location).json().path("progress").path("done").asLong() == 0) {
            assertThat(System.nanoTime()).as("waiting for progress").isLessThan(deadline);
            sleep(50);
        }
    }

    private static void awaitSimulationsBusy() {
        long start = simulationCpuNanos();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (simulationCpuNanos() - start < 100_000_000L) {
            assertThat(System.nanoTime())
                    .as("waiting for the simulation to run")
                    .isLessThan(deadline);
            sleep(20);
        }
    }

    /**
     * Waits until the experiment threads use no more CPU (less than 20 ms over a 500 ms window),
     * and returns how long after {@code since} that quiet window ended at the latest: an upper
     * bound, with 500 ms resolution, of when the simulation stopped.
     */
    private static Duration awaitSimulationsIdle(long since) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long previous = simulationCpuNanos();
        while (true) {
            sleep(500);
            long now = simulationCpuNanos();
            if (now - previous < 20_000_000L) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            previous = now;
            assertThat(System.nanoTime()).as("the simulation did not stop").isLessThan(deadline);
        }
    }

    /** CPU time of the experiment worker threads, summed. */
    private static long simulationCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("experiment-")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
