package org.neuromod.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neuromod.Api;
import org.neuromod.Api.Reply;
import org.neuromod.TestDatabases;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.baseline.Boltzmann;
import org.neuromod.core.environment.Reversal;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /fits} end to end on the job engine and the embedded H2 database: a fit runs to its
 * estimates and traces, a fit of stored sessions scores exactly what the sessions scored, several
 * models are compared, a hierarchical fit reports its group, a fit is cancelled, and every kind of
 * bad input is a 4xx problem.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"neuromod.jobs.threads=1", "neuromod.fits.max-trials=5000"})
class FitApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshH2().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /** A boltzmann subject's 500 reversal trials as JSON. */
    private static String boltzmannTrials(double learningRate, double temperature, long seed) {
        var environment = Reversal.TYPE.create(Reversal.TYPE.resolve(Map.of("blocks", 5, "blockLength", 100)), seed);
        var agent = Boltzmann.TYPE.create(new AgentSetup(
                2, Boltzmann.TYPE.resolve(Map.of("learningRate", learningRate, "temperature", temperature)), seed));
        var trials = new ArrayList<String>();
        for (int t = 0; t < environment.trials(); t++) {
            environment.nextTrial();
            int action = agent.decide(0).action();
            double reward = environment.reward(action);
            agent.learn(action, reward, 0);
            trials.add("{\"action\": " + action + ", \"reward\": " + reward + "}");
        }
        return "[" + String.join(",", trials) + "]";
    }

    private JsonNode awaitFinished(String location) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            JsonNode fit = api.get(location).json();
            String status = fit.path("status").asString();
            if (!status.equals("queued") && !status.equals("running")) {
                return fit;
            }
            assertThat(Instant.now()).as("fit still %s", status).isBefore(deadline);
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aFitRunsToItsEstimatesAndItsTracesAsJsonAndCsv() {
        Reply started = api.post("/fits", """
                {"agent": "boltzmann",
                 "free": {"learningRate": {"minimum": 0.01, "maximum": 0.99}, "temperature": {"minimum": 0.01, "maximum": 5}},
                 "starts": 3, "seed": 5,
                 "subjects": [{"label": "m1", "arms": 2, "trials": %s}]}""".formatted(boltzmannTrials(0.4, 0.3, 1)));

        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).matches("/fits/[0-9a-f-]{36}");
        assertThat(started.json().path("status").asString()).isIn("queued", "running");
        assertThat(started.json().path("seed").asLong()).isEqualTo(5);

        JsonNode done = awaitFinished(location);
        assertThat(done.path("status").asString()).isEqualTo("done");
        assertThat(done.path("progress").path("done").asLong())
                .isEqualTo(done.path("progress").path("total").asLong())
                .isEqualTo(3);
        JsonNode result = done.path("results").get(0);
        assertThat(result.path("label").asString()).isEqualTo("m1");
        assertThat(result.path("trials").asInt()).isEqualTo(500);
        double alpha =
                result.path("estimates").path("learningRate").path("value").asDouble();
        double alphaError = result.path("estimates")
                .path("learningRate")
                .path("standardError")
                .asDouble();
        assertThat(alphaError).isPositive();
        assertThat(Math.abs(alpha - 0.4)).isLessThan(4 * alphaError);
        assertThat(result.path("estimates").path("temperature").path("value").asDouble())
                .isBetween(0.1, 0.6);
        double logLikelihood = result.path("logLikelihood").asDouble();
        assertThat(result.path("aic").asDouble()).isCloseTo(4 - 2 * logLikelihood, within(1e-9));
        assertThat(result.path("bic").asDouble()).isCloseTo(2 * Math.log(500) - 2 * logLikelihood, within(1e-9));
        assertThat(result.path("logEvidence").isNumber()).isTrue();
        assertThat(result.path("starts")).hasSize(3);
        assertThat(result.path("correlation")
                        .path("learningRate")
                        .path("learningRate")
                        .asDouble())
                .isCloseTo(1, within(1e-12));

        Reply trace = api.get(location + "/subjects/m1/trials");
        assertThat(trace.status()).isEqualTo(200);
        JsonNode trials = trace.json().path("trials");
        assertThat(trials).hasSize(500);
        assertThat(trials.get(499).path("cumulativeLogLikelihood").asDouble()).isCloseTo(logLikelihood, within(1e-9));
        assertThat(trials.get(0).path("signals").path("learningRate").asDouble())
                .isCloseTo(alpha, within(1e-12));
        assertThat(trials.get(0).path("signals").path("expectedUncertainty").isNull())
                .isTrue();

        Reply csv = api.get(location + "/subjects/m1/trials", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(501);
        assertThat(lines[0]).startsWith("trial,action,reward,noResponse,stimulation,actionProbability,logLikelihood");
        assertThat(lines[0]).endsWith("value_0,value_1,probability_0,probability_1");

        assertThat(api.get(location + "/subjects/nobody/trials").status()).isEqualTo(404);
    }

    /** Two code paths, one number: a shadow session's running log-likelihood is the fit's at its parameters. */
    @Test
    void aFitOfStoredShadowSessionsScoresWhatTheSessionsScored() {
        String id = api.post("/sessions", """
                        {"agent": "neuromodulated", "arms": 3, "seed": 77,
                         "parameters": {"surpriseScale": 0.3, "stimulationGain": 2}}""").json().path("id").asString();
        var random = new java.util.Random(3);
        for (int trial = 1; trial <= 300; trial++) {
            double stimulation = trial % 4 == 0 ? 0.2 : 0;
            Reply feedback = api.post("/sessions/" + id + "/feedback", """
                    {"trial": %d, "action": %d, "reward": %s, "stimulation": %s}""".formatted(
                            trial, random.nextInt(3), random.nextGaussian(), stimulation));
            assertThat(feedback.status()).isEqualTo(200);
        }
        double sessionLogLikelihood =
                api.get("/sessions/" + id).json().path("logLikelihood").asDouble();

        Reply started = api.post("/fits", """
                {"agent": "neuromodulated", "fixed": {"surpriseScale": 0.3, "stimulationGain": 2},
                 "starts": 1, "subjects": [{"label": "shadow", "sessions": ["%s"]}]}""".formatted(id));
        assertThat(started.status()).isEqualTo(202);
        JsonNode done = awaitFinished(started.header("Location"));

        assertThat(done.path("status").asString()).isEqualTo("done");
        JsonNode result = done.path("results").get(0);
        assertThat(result.path("trials").asInt()).isEqualTo(300);
        assertThat(result.path("logLikelihood").asDouble()).isCloseTo(sessionLogLikelihood, within(1e-9));
    }

    @Test
    void severalModelsAreComparedAndAHierarchicalFitReportsItsGroup() {
        String subjects = "["
                + String.join(
                        ",",
                        List.of(
                                "{\"label\": \"a\", \"arms\": 2, \"trials\": " + boltzmannTrials(0.3, 0.3, 11) + "}",
                                "{\"label\": \"b\", \"arms\": 2, \"trials\": " + boltzmannTrials(0.5, 0.2, 12) + "}",
                                "{\"label\": \"c\", \"arms\": 2, \"trials\": " + boltzmannTrials(0.4, 0.4, 13) + "}"))
                + "]";
        Reply compared = api.post("/fits", """
                {"models": [
                   {"label": "softmax", "agent": "boltzmann",
                    "free": {"learningRate": {"minimum": 0.01, "maximum": 0.99}, "temperature": {"minimum": 0.01, "maximum": 5}}},
                   {"label": "greedy", "agent": "epsilon-greedy",
                    "free": {"epsilon": {"minimum": 0.01, "maximum": 0.99}, "learningRate": {"minimum": 0.01, "maximum": 0.99}}}],
                 "starts": 2, "seed": 1, "subjects": %s}""".formatted(subjects));
        assertThat(compared.status()).isEqualTo(202);
        JsonNode comparison = awaitFinished(compared.header("Location"));
        assertThat(comparison.path("status").asString()).isEqualTo("done");
        assertThat(comparison.path("results")).hasSize(6);
        JsonNode table = comparison.path("comparison");
        assertThat(table.path("models")).hasSize(2);
        assertThat(table.path("subjects")).hasSize(3);
        assertThat(table.path("subjects").get(0).path("bic").path("greedy").isNumber())
                .isTrue();
        double frequencies = table.path("frequencies").path("softmax").asDouble()
                + table.path("frequencies").path("greedy").asDouble();
        assertThat(frequencies).isCloseTo(1, within(1e-9));
        assertThat(table.path("protectedExceedance").path("softmax").asDouble()).isBetween(0.0, 1.0);
        assertThat(api.get(compared.header("Location") + "/subjects/a/trials").status())
                .isEqualTo(404);
        assertThat(api.get(compared.header("Location") + "/subjects/a/trials?model=greedy")
                        .status())
                .isEqualTo(200);

        Reply hierarchical = api.post("/fits", """
                {"agent": "boltzmann", "hierarchical": true,
                 "free": {"learningRate": {"minimum": 0.01, "maximum": 0.99}, "temperature": {"minimum": 0.01, "maximum": 5}},
                 "starts": 2, "seed": 1, "subjects": %s}""".formatted(subjects));
        JsonNode group = awaitFinished(hierarchical.header("Location"));
        assertThat(group.path("status").asString()).isEqualTo("done");
        JsonNode parameters = group.path("groups").get(0).path("parameters");
        assertThat(parameters.path("learningRate").path("median").asDouble()).isBetween(0.1, 0.7);
        assertThat(parameters.path("temperature").path("unboundedSpread").asDouble())
                .isPositive();
    }

    @Test
    void aCancelledFitStaysCancelled() {
        String subjects = "["
                + String.join(
                        ",",
                        java.util.stream.IntStream.range(0, 30)
                                .mapToObj(i -> "{\"label\": \"s" + i + "\", \"arms\": 2, \"trials\": "
                                        + boltzmannTrials(0.3, 0.3, i) + "}")
                                .toList())
                + "]";
        Reply started = api.post("/fits", """
                {"agent": "neuromodulated", "free": {"surpriseScale": {"minimum": 0, "maximum": 2}, "surpriseRate": {}},
                 "starts": 20, "subjects": %s}""".formatted(subjects));
        String location = started.header("Location");

        Reply cancelled = api.delete(location);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isIn("cancelled", "done");
        sleep(500);
        assertThat(api.get(location).json().path("status").asString()).isEqualTo("cancelled");
        assertThat(api.get(location + "/subjects/s0/trials").status()).isEqualTo(409);
    }

    @Test
    void badInputIsAProblemNeverAServerError() {
        String one = "[{\"action\": 0, \"reward\": 1}]";
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("bounds outside the declared range", """
                {"agent": "boltzmann", "free": {"learningRate": {"minimum": -1, "maximum": 0.5}},
                 "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("unknown parameter", """
                {"agent": "boltzmann", "free": {"learningrate": {}},
                 "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("unknown agent", """
                {"agent": "boltzman", "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("empty subjects", "{\"agent\": \"boltzmann\", \"subjects\": []}");
        bodies.put("no subjects", "{\"agent\": \"boltzmann\"}");
        bodies.put("action outside the arms", """
                {"agent": "boltzmann", "subjects": [{"label": "a", "arms": 2, "trials": [{"action": 2, "reward": 1}]}]}""");
        bodies.put("non-finite reward", """
                {"agent": "boltzmann", "subjects": [{"label": "a", "arms": 2, "trials": [{"action": 0, "reward": 1e400}]}]}""");
        bodies.put("negative stimulation", """
                {"agent": "boltzmann", "subjects": [{"label": "a", "arms": 2,
                 "trials": [{"action": 0, "reward": 1, "stimulation": -1}]}]}""");
        bodies.put("unknown session", """
                {"agent": "boltzmann", "subjects": [{"label": "a", "sessions": ["00000000-0000-0000-0000-000000000000"]}]}""");
        bodies.put("malformed session", """
                {"agent": "boltzmann", "subjects": [{"label": "a", "sessions": ["nope"]}]}""");
        bodies.put("more trials than the limit", """
                {"agent": "boltzmann", "subjects": [{"label": "a", "arms": 2, "trials": [%s]}]}""".formatted(
                        String.join(",", java.util.Collections.nCopies(5001, "{\"action\": 0, \"reward\": 1}"))));
        bodies.put("oracle agent", """
                {"agent": "full-oracle", "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("priors with mle", """
                {"agent": "boltzmann", "free": {"temperature": {}},
                 "priors": {"temperature": {"distribution": "gamma", "shape": 2, "scale": 1}},
                 "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("bad prior", """
                {"agent": "boltzmann", "method": "map", "free": {"temperature": {}},
                 "priors": {"temperature": {"distribution": "cauchy"}},
                 "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("unknown method", """
                {"agent": "boltzmann", "method": "bayes", "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("too many starts", """
                {"agent": "boltzmann", "starts": 1000, "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("repeated labels", """
                {"agent": "boltzmann", "subjects": [{"label": "a", "arms": 2, "trials": %s},
                 {"label": "a", "arms": 2, "trials": %s}]}""".formatted(one, one));
        bodies.put("one arm", """
                {"agent": "boltzmann", "subjects": [{"label": "a", "arms": 1, "trials": %s}]}""".formatted(one));
        bodies.put("a lone no-response trial", """
                {"agent": "boltzmann", "subjects": [{"label": "a", "arms": 2, "trials": [{"action": 0, "reward": null}]}]}""");
        bodies.put("hierarchical with one subject", """
                {"agent": "boltzmann", "hierarchical": true, "free": {"temperature": {}},
                 "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("unknown field", """
                {"agent": "boltzmann", "subject": [], "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("ensemble of one", """
                {"agent": "neuromodulated", "fixed": {"estimator": "ensemble", "ensembleSize": 1},
                 "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("integer parameter free", """
                {"agent": "neuromodulated", "free": {"ensembleSize": {}},
                 "subjects": [{"label": "a", "arms": 2, "trials": %s}]}""".formatted(one));
        bodies.put("not json", "{\"agent\": ");

        bodies.forEach((what, body) -> {
            Reply reply = api.post("/fits", body);
            assertThat(reply.status()).as(what + ": " + reply.body()).isBetween(400, 499);
            assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
        });

        Reply unknown = api.get("/fits/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("fit-not-found");
        assertThat(api.get("/fits/not-a-uuid").status()).isEqualTo(404);
        assertThat(api.delete("/fits/00000000-0000-0000-0000-000000000000").status())
                .isEqualTo(404);
    }
}
