package org.neuromod.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neuromod.Api;
import org.neuromod.Api.Reply;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole HTTP contract over real HTTP on a real database: every endpoint, the exactly-once
 * rules of act and feedback, shadow mode, no-response trials, and every class of bad input, which
 * must get a 4xx problem detail and leave the session unchanged. Subclasses choose the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SessionApiTest {

    private static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    // ---- sessions

    @Test
    void createsASessionWithDefaultsFilledInAndReportsItsLocation() {
        Reply created = api.post("/sessions", """
                {"agent": "boltzmann", "arms": 3, "parameters": {"temperature": 0.5}, "seed": 7,
                 "labels": {"subject": "m17", "rig": "box3"}}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode session = created.json();
        String id = session.path("id").asString();
        assertThat(created.header("Location")).endsWith("/sessions/" + id);
        assertThat(session.path("agent").asString()).isEqualTo("boltzmann");
        assertThat(session.path("arms").asInt()).isEqualTo(3);
        assertThat(session.path("parameters").path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(session.path("parameters").path("learningRate").asDouble()).isEqualTo(0.25);
        assertThat(session.path("seed").asLong()).isEqualTo(7);
        assertThat(session.path("labels").path("subject").asString()).isEqualTo("m17");
        assertThat(session.path("trials").asInt()).isZero();
        assertThat(session.path("openTrial").isNull()).isTrue();
        assertThat(session.path("logLikelihood").asDouble()).isZero();
        assertThat(session.path("createdAt").asString()).isNotEmpty();

        Reply fetched = api.get("/sessions/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(session);
    }

    @Test
    void choosesAndReportsASeedWhenNoneIsGiven() {
        JsonNode session =
                api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 2}").json();

        assertThat(session.path("seed").isIntegralNumber()).isTrue();
        assertThat(session.path("seed").asLong()).isBetween(0L, (1L << 53) - 1);
    }

    @Test
    void listsSessionsPageByPageAndFiltersByLabel() {
        String subject = "s" + System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"labels\": {\"subject\": \"" + subject
                    + "\", \"rig\": \"box" + i + "\"}}"));
        }
        createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"labels\": {\"subject\": \"other\"}}");

        Reply page = api.get("/sessions?label=subject:" + subject + "&offset=1&limit=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("total").asLong()).isEqualTo(3);
        assertThat(page.json().path("offset").asLong()).isEqualTo(1);
        assertThat(page.json().path("limit").asInt()).isEqualTo(1);
        assertThat(page.json().path("items")).hasSize(1);
        assertThat(page.json().path("items").get(0).path("id").asString()).isEqualTo(ids.get(1));

        Reply both = api.get("/sessions?label=subject:" + subject + "&label=rig:box2");
        assertThat(both.json().path("total").asLong()).isEqualTo(1);
        assertThat(both.json().path("items").get(0).path("id").asString()).isEqualTo(ids.get(2));

        Reply all = api.get("/sessions?limit=1000");
        assertThat(all.json().path("total").asLong()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void deletesASessionAndItsTrials() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2}");
        act(id);

        Reply deleted = api.delete("/sessions/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        assertProblem(api.get("/sessions/" + id), 404, "session-not-found");
        assertProblem(api.get("/sessions/" + id + "/trials"), 404, "session-not-found");
        assertProblem(api.postEmpty("/sessions/" + id + "/act"), 404, "session-not-found");
        assertProblem(api.delete("/sessions/" + id), 404, "session-not-found");
    }

    // ---- agents

    @Test
    void listsEveryAgentTypeWithItsParameters() {
        Reply agents = api.get("/agents");

        assertThat(agents.status()).isEqualTo(200);
        assertThat(agents.contentType()).startsWith("application/json");
        List<String> names = new ArrayList<>();
        agents.json().forEach(agent -> names.add(agent.path("name").asString()));
        assertThat(names)
                .containsExactlyElementsOf(
                        AgentCatalog.all().stream().map(AgentType::name).toList());
        JsonNode boltzmann = agents.json().get(names.indexOf("boltzmann"));
        assertThat(boltzmann.path("description").asString()).isNotBlank();
        assertThat(boltzmann.path("simulationOnly").asBoolean()).isFalse();
        JsonNode temperature = boltzmann.path("parameters").get(0);
        assertThat(temperature.path("name").asString()).isEqualTo("temperature");
        assertThat(temperature.path("default").asDouble()).isEqualTo(0.25);
        assertThat(temperature.path("minimum").asDouble()).isEqualTo(1e-6);
        assertThat(temperature.path("maximum").asDouble()).isEqualTo(1e6);
        assertThat(temperature.path("description").asString()).isNotBlank();
    }

    @Test
    void everyLiveAgentRunsTheTrialLoopAndEveryOracleIsRefused() {
        for (AgentType type : AgentCatalog.all()) {
            Reply created = api.post("/sessions", "{\"agent\": \"" + type.name() + "\", \"arms\": 3, \"seed\": 1}");
            if (type.simulationOnly()) {
                assertProblem(created, 400, "validation");
                continue;
            }
            assertThat(created.status()).as(type.name()).isEqualTo(201);
            String id = created.json().path("id").asString();
            for (int trial = 1; trial <= 5; trial++) {
                JsonNode decision = act(id);
                assertThat(decision.path("trial").asInt()).isEqualTo(trial);
                assertThat(sum(decision.path("probabilities"))).isCloseTo(1.0, offset(1e-9));
                JsonNode outcome = feedback(id, trial, decision.path("action").asInt() == 0 ? 1.0 : 0.0);
                assertThat(outcome.path("actionProbability").asDouble()).isBetween(0.0, 1.0);
            }
        }
    }

    // ---- the trial loop

    @Test
    void aRetriedActReturnsTheOpenTrialUnchanged() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 4, \"seed\": 3}");

        Reply first = api.post("/sessions/" + id + "/act", "{\"stimulation\": 0.5, \"metadata\": {\"rigTime\": 12.5}}");
        Reply retried = api.postEmpty("/sessions/" + id + "/act");

        assertThat(first.status()).isEqualTo(200);
        JsonNode decision = first.json();
        assertThat(decision.path("trial").asInt()).isEqualTo(1);
        assertThat(decision.path("action").asInt()).isBetween(0, 3);
        assertThat(decision.path("probabilities")).hasSize(4);
        assertThat(decision.path("stimulation").asDouble()).isEqualTo(0.5);
        assertThat(decision.path("signals").path("temperature").asDouble()).isEqualTo(0.75);
        assertThat(decision.path("signals").path("learningRate").asDouble()).isEqualTo(0.25);
        assertThat(decision.path("signals").path("expectedUncertainty").isNull())
                .isTrue();
        assertThat(decision.path("signals").path("unexpectedUncertainty").isNull())
                .isTrue();
        assertThat(decision.path("signals").path("values")).hasSize(4);
        assertThat(decision.path("metadata").path("rigTime").asDouble()).isEqualTo(12.5);
        assertThat(retried.json()).isEqualTo(decision);
        assertThat(session(id).path("trials").asInt()).isEqualTo(1);
        assertThat(session(id).path("openTrial").asInt()).isEqualTo(1);
    }

    @Test
    void feedbackClosesTheOpenTrialOnceAndARepeatGetsTheSameAnswer() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 5}");
        JsonNode decision = act(id);
        int action = decision.path("action").asInt();

        Reply closed = api.post(
                "/sessions/" + id + "/feedback", "{\"trial\": 1, \"reward\": 1.0, \"metadata\": {\"lick\": true}}");
        Reply repeated = api.post(
                "/sessions/" + id + "/feedback",
                "{\"trial\": 1, \"reward\": 1, \"action\": " + action + ", \"metadata\": {\"lick\": false}}");

        assertThat(closed.status()).isEqualTo(200);
        JsonNode outcome = closed.json();
        double valueBefore = decision.path("signals").path("values").get(action).asDouble();
        double probability = decision.path("probabilities").get(action).asDouble();
        assertThat(outcome.path("trial").asInt()).isEqualTo(1);
        assertThat(outcome.path("action").asInt()).isEqualTo(action);
        assertThat(outcome.path("reward").asDouble()).isEqualTo(1.0);
        assertThat(outcome.path("noResponse").asBoolean()).isFalse();
        assertThat(outcome.path("predictionError").asDouble()).isEqualTo(1.0 - valueBefore);
        assertThat(outcome.path("actionProbability").asDouble()).isEqualTo(probability);
        assertThat(outcome.path("logLikelihood").asDouble()).isEqualTo(Math.log(probability));
        assertThat(outcome.path("signals").path("values").get(action).asDouble())
                .isEqualTo(valueBefore + 0.25 * (1.0 - valueBefore));
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json()).isEqualTo(outcome);
        assertThat(session(id).path("trials").asInt()).isEqualTo(1);
        assertThat(session(id).path("openTrial").isNull()).isTrue();
        assertThat(session(id).path("logLikelihood").asDouble()).isEqualTo(Math.log(probability));

        assertThat(act(id).path("trial").asInt()).isEqualTo(2);
    }

    @Test
    void aDifferentPayloadForAClosedTrialIsAConflict() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 5}");
        int action = act(id).path("action").asInt();
        feedback(id, 1, 1.0);

        assertProblem(
                api.post("/sessions/" + id + "/feedback", "{\"trial\": 1, \"reward\": 0.0}"), 409, "trial-conflict");
        assertProblem(
                api.post("/sessions/" + id + "/feedback", "{\"trial\": 1, \"reward\": null}"), 409, "trial-conflict");
        Reply otherAction = api.post(
                "/sessions/" + id + "/feedback", "{\"trial\": 1, \"reward\": 1.0, \"action\": " + (1 - action) + "}");
        assertProblem(otherAction, 409, "trial-conflict");
        assertThat(otherAction.json().path("trial").asInt()).isEqualTo(1);
        assertThat(otherAction.json().path("sessionId").asString()).isEqualTo(id);
        assertThat(session(id).path("trials").asInt()).isEqualTo(1);
    }

    @Test
    void feedbackForAnyOtherTrialSaysWhichTrialIsExpected() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2}");
        act(id);

        Reply future = api.post("/sessions/" + id + "/feedback", "{\"trial\": 2, \"reward\": 1.0}");
        assertProblem(future, 409, "unexpected-trial");
        assertThat(future.json().path("expectedTrial").asInt()).isEqualTo(1);
        assertThat(future.json().path("trial").asInt()).isEqualTo(2);
        assertThat(future.json().path("detail").asString()).contains("trial 1");

        feedback(id, 1, 0.0);
        Reply skipped = api.post("/sessions/" + id + "/feedback", "{\"trial\": 3, \"reward\": 1.0, \"action\": 0}");
        assertProblem(skipped, 409, "unexpected-trial");
        assertThat(skipped.json().path("expectedTrial").asInt()).isEqualTo(2);

        Reply noAction = api.post("/sessions/" + id + "/feedback", "{\"trial\": 2, \"reward\": 1.0}");
        assertProblem(noAction, 409, "unexpected-trial");
        assertThat(noAction.json().path("expectedTrial").asInt()).isEqualTo(2);
        assertThat(session(id).path("trials").asInt()).isEqualTo(1);
    }

    @Test
    void shadowFeedbackLearnsFromTheSubjectsAction() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 3, \"seed\": 11}");
        JsonNode decision = act(id);
        int proposed = decision.path("action").asInt();
        int taken = (proposed + 1) % 3;

        JsonNode outcome = api.post(
                        "/sessions/" + id + "/feedback", "{\"trial\": 1, \"reward\": 2.0, \"action\": " + taken + "}")
                .json();

        double valueBefore = decision.path("signals").path("values").get(taken).asDouble();
        assertThat(outcome.path("action").asInt()).isEqualTo(taken);
        assertThat(outcome.path("actionProbability").asDouble())
                .isEqualTo(decision.path("probabilities").get(taken).asDouble());
        assertThat(outcome.path("predictionError").asDouble()).isEqualTo(2.0 - valueBefore);
        assertThat(outcome.path("signals").path("values").get(proposed).asDouble())
                .isEqualTo(decision.path("signals").path("values").get(proposed).asDouble());
        JsonNode logged =
                api.get("/sessions/" + id + "/trials").json().path("items").get(0);
        assertThat(logged.path("action").asInt()).isEqualTo(taken);
        assertThat(logged.path("proposedAction").asInt()).isEqualTo(proposed);
    }

    @Test
    void aTrialTheSubjectChoseOnItsOwnIsRecordedWithItsProbabilityBeforeLearning() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 13}");
        act(id);
        feedback(id, 1, 1.0);
        JsonNode policyBefore = session(id);

        Reply recorded = api.post(
                "/sessions/" + id + "/feedback",
                "{\"trial\": 2, \"reward\": 0.5, \"action\": 1, \"stimulation\": 0.25, \"metadata\": {\"port\": 2}}");

        assertThat(recorded.status()).isEqualTo(200);
        JsonNode outcome = recorded.json();
        JsonNode logged =
                api.get("/sessions/" + id + "/trials").json().path("items").get(1);
        assertThat(outcome.path("trial").asInt()).isEqualTo(2);
        assertThat(outcome.path("action").asInt()).isEqualTo(1);
        assertThat(logged.path("proposedAction").isNull()).isTrue();
        assertThat(logged.path("stimulation").asDouble()).isEqualTo(0.25);
        assertThat(logged.path("signals").path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(outcome.path("actionProbability").asDouble())
                .isEqualTo(logged.path("probabilities").get(1).asDouble());
        assertThat(outcome.path("logLikelihood").asDouble())
                .isEqualTo(policyBefore.path("logLikelihood").asDouble()
                        + Math.log(outcome.path("actionProbability").asDouble()));
        assertThat(logged.path("feedbackMetadata").path("port").asInt()).isEqualTo(2);
        assertThat(session(id).path("trials").asInt()).isEqualTo(2);
        assertThat(session(id).path("openTrial").isNull()).isTrue();

        Reply repeated = api.post(
                "/sessions/" + id + "/feedback",
                "{\"trial\": 2, \"reward\": 0.5, \"action\": 1, \"stimulation\": 0.25}");
        assertThat(repeated.json()).isEqualTo(outcome);
        assertThat(act(id).path("trial").asInt()).isEqualTo(3);
    }

    @Test
    void aNoResponseTrialClosesWithoutLearning() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 17}");
        act(id);
        double logLikelihood = feedback(id, 1, 1.0).path("logLikelihood").asDouble();
        JsonNode decision = act(id);

        Reply closed = api.post("/sessions/" + id + "/feedback", "{\"trial\": 2, \"reward\": null}");

        assertThat(closed.status()).isEqualTo(200);
        JsonNode outcome = closed.json();
        assertThat(outcome.path("noResponse").asBoolean()).isTrue();
        assertThat(outcome.path("reward").isNull()).isTrue();
        assertThat(outcome.path("predictionError").isNull()).isTrue();
        assertThat(outcome.path("actionProbability").isNull()).isTrue();
        assertThat(outcome.path("logLikelihood").asDouble()).isEqualTo(logLikelihood);
        assertThat(outcome.path("signals").path("values"))
                .isEqualTo(decision.path("signals").path("values"));
        assertThat(api.post("/sessions/" + id + "/feedback", "{\"trial\": 2, \"reward\": null}")
                        .json())
                .isEqualTo(outcome);
        assertThat(act(id).path("signals").path("values"))
                .isEqualTo(decision.path("signals").path("values"));
        assertProblem(
                api.post("/sessions/" + id + "/feedback", "{\"trial\": 3, \"reward\": null, \"action\": 1}"),
                400,
                "validation");
        assertThat(session(id).path("logLikelihood").asDouble()).isEqualTo(logLikelihood);
    }

    @Test
    void theLogLikelihoodIsTheSumOfTheLogProbabilitiesOfTheActions() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 19}");
        double expected = 0;
        for (int trial = 1; trial <= 10; trial++) {
            JsonNode decision = act(id);
            int action = decision.path("action").asInt();
            expected += Math.log(decision.path("probabilities").get(action).asDouble());
            JsonNode outcome = feedback(id, trial, action == 0 ? 1.0 : 0.0);
            assertThat(outcome.path("logLikelihood").asDouble()).isCloseTo(expected, offset(1e-12));
        }
        assertThat(session(id).path("logLikelihood").asDouble()).isCloseTo(expected, offset(1e-12));
    }

    // ---- the trial log

    @Test
    void theTrialLogComesInPagesAsJson() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 23}");
        runTrials(id, 5);
        act(id);

        Reply page = api.get("/sessions/" + id + "/trials?offset=2&limit=3");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("application/json");
        JsonNode body = page.json();
        assertThat(body.path("total").asLong()).isEqualTo(6);
        assertThat(body.path("items")).hasSize(3);
        assertThat(body.path("items").get(0).path("trial").asInt()).isEqualTo(3);
        JsonNode open = body.path("items").get(2);
        assertThat(open.path("trial").asInt()).isEqualTo(5);
        JsonNode last = api.get("/sessions/" + id + "/trials?offset=5&limit=1")
                .json()
                .path("items")
                .get(0);
        assertThat(last.path("open").asBoolean()).isTrue();
        assertThat(last.path("reward").isNull()).isTrue();
        assertThat(last.path("closedAt").isNull()).isTrue();
        assertThat(last.path("signalsAfterFeedback").isNull()).isTrue();
    }

    @Test
    void theTrialLogComesAsCsvWithAHeaderRowAndTheRigsMetadata() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 29}");
        api.post("/sessions/" + id + "/act", "{\"stimulation\": 0.1, \"metadata\": {\"trialId\": \"b3,\\\"41\\\"\"}}");
        api.post("/sessions/" + id + "/feedback", "{\"trial\": 1, \"reward\": 1.0, \"metadata\": {\"lickTime\": 3.5}}");
        act(id);

        Reply csv = api.get("/sessions/" + id + "/trials", "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0])
                .isEqualTo("trial,action,proposedAction,reward,noResponse,predictionError,actionProbability,"
                        + "logLikelihood,stimulation,learningRate,temperature,expectedUncertainty,"
                        + "unexpectedUncertainty,value_0,value_1,probability_0,probability_1,actMetadata,"
                        + "feedbackMetadata,actedAt,closedAt");
        assertThat(lines[1]).startsWith("1,").contains(",1.0,false,").contains(",0.1,0.25," + (0.25 + 0.1) + ",,,");
        assertThat(lines[1]).contains("\"{\"\"trialId\"\":\"\"b3,\\\"\"41\\\"\"\"\"}\"", "\"{\"\"lickTime\"\":3.5}\"");
        assertThat(lines[2]).startsWith("2,").endsWith(",");

        JsonNode logged =
                api.get("/sessions/" + id + "/trials").json().path("items").get(0);
        assertThat(logged.path("actMetadata").path("trialId").asString()).isEqualTo("b3,\"41\"");
        assertThat(logged.path("feedbackMetadata").path("lickTime").asDouble()).isEqualTo(3.5);
    }

    // ---- concurrency

    @Test
    void concurrentDuplicateFeedbackIsAppliedOnceAndAllGetTheSameAnswer() throws Exception {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 31}");
        JsonNode decision = act(id);
        int action = decision.path("action").asInt();

        List<Reply> replies =
                concurrently(16, () -> api.post("/sessions/" + id + "/feedback", "{\"trial\": 1, \"reward\": 1.0}"));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        assertThat(replies.stream().map(Reply::json).distinct()).hasSize(1);
        double probability = decision.path("probabilities").get(action).asDouble();
        JsonNode session = session(id);
        assertThat(session.path("trials").asInt()).isEqualTo(1);
        assertThat(session.path("logLikelihood").asDouble()).isEqualTo(Math.log(probability));
        JsonNode log = api.get("/sessions/" + id + "/trials").json();
        assertThat(log.path("total").asLong()).isEqualTo(1);
        assertThat(log.path("items")
                        .get(0)
                        .path("signalsAfterFeedback")
                        .path("values")
                        .get(action)
                        .asDouble())
                .isEqualTo(replies.getFirst()
                        .json()
                        .path("signals")
                        .path("values")
                        .get(action)
                        .asDouble());
    }

    @Test
    void concurrentActsDrawOneTrial() throws Exception {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 37}");

        List<Reply> replies = concurrently(16, () -> api.postEmpty("/sessions/" + id + "/act"));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        assertThat(replies.stream().map(Reply::json).distinct()).hasSize(1);
        assertThat(session(id).path("trials").asInt()).isEqualTo(1);
    }

    // ---- bad input: always a 4xx problem, never a change

    @Test
    void malformedBodiesAreRefused() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2}");
        act(id);
        String feedback = "/sessions/" + id + "/feedback";

        assertProblem(api.post("/sessions", "{\"agent\": \"boltzmann\", "), 400, "malformed-request");
        assertProblem(api.post("/sessions", "[1, 2]"), 400, "malformed-request");
        assertProblem(api.post("/sessions", ""), 400, "malformed-request");
        assertProblem(
                api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 2} trailing"), 400, "malformed-request");
        assertProblem(api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": \"2\"}"), 400, "malformed-request");
        assertProblem(api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 2.5}"), 400, "malformed-request");
        assertProblem(api.post("/sessions", "{\"agent\": 7, \"arms\": 2}"), 400, "malformed-request");
        assertProblem(
                api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 2, \"colour\": 1}"),
                400,
                "malformed-request");
        assertProblem(
                api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 2, \"labels\": {\"a\": {\"b\": 1}}}"),
                400,
                "malformed-request");
        assertProblem(api.post(feedback, "{\"trial\": 1, \"reward\": NaN}"), 400, "malformed-request");
        assertProblem(api.post(feedback, "{\"trial\": 1, \"reward\": Infinity}"), 400, "malformed-request");
        assertProblem(api.post(feedback, "{\"trial\": 1, \"reward\": 1e400}"), 400, "malformed-request");
        assertProblem(api.post(feedback, "{\"trial\": 1, \"reward\": \"1\"}"), 400, "malformed-request");
        assertProblem(api.post(feedback, "{\"trial\": 1}"), 400, "malformed-request");
        assertProblem(api.post(feedback, "{\"trial\": 99999999999, \"reward\": 1}"), 400, "malformed-request");
        assertProblem(api.post(feedback, "{\"trial\": 1, \"reward\": 1, \"extra\": true}"), 400, "malformed-request");
        assertProblem(api.post("/sessions/" + id + "/act", "{\"stimulation\": -1e999}"), 400, "malformed-request");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertProblem(
                api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 2, \"parameters\": {\"x\": " + deep + "}}"),
                400,
                "malformed-request");

        assertUnchanged(id);
    }

    @Test
    void valuesOutOfRangeAreRefusedWithTheListOfProblems() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2}");
        act(id);
        String feedback = "/sessions/" + id + "/feedback";

        assertProblem(api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": -3}"), 400, "validation");
        assertProblem(api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 1}"), 400, "validation");
        assertProblem(api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 1001}"), 400, "validation");
        assertProblem(api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 2147483647}"), 400, "validation");
        assertProblem(api.post("/sessions", "{\"agent\": \"boltzmann\"}"), 400, "validation");
        assertProblem(api.post("/sessions", "{\"agent\": \"nobody\", \"arms\": 2}"), 400, "validation");
        assertProblem(
                api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 2, \"labels\": {\"bad name\": \"x\"}}"),
                400,
                "validation");
        Reply parameters = api.post(
                "/sessions",
                "{\"agent\": \"boltzmann\", \"arms\": 2, \"parameters\": {\"learningRate\": 2, \"temperature\": \"hot\", \"colour\": 1}}");
        assertProblem(parameters, 400, "validation");
        assertThat(parameters.json().path("errors")).hasSize(3);

        assertProblem(api.post("/sessions/" + id + "/act", "{\"stimulation\": -0.1}"), 400, "validation");
        assertProblem(
                api.post("/sessions/" + id + "/act", "{\"metadata\": {\"nested\": {\"a\": 1}}}"), 400, "validation");
        assertProblem(
                api.post("/sessions/" + id + "/act", "{\"metadata\": {\"long\": \"" + "x".repeat(300) + "\"}}"),
                400,
                "validation");
        assertProblem(api.post(feedback, "{\"trial\": 0, \"reward\": 1}"), 400, "validation");
        assertProblem(api.post(feedback, "{\"trial\": 1, \"reward\": 1, \"action\": 2}"), 400, "validation");
        assertProblem(api.post(feedback, "{\"trial\": 1, \"reward\": 1, \"action\": -1}"), 400, "validation");
        assertProblem(api.get("/sessions?limit=1001"), 400, "validation");
        assertProblem(api.get("/sessions?limit=0"), 400, "validation");
        assertProblem(api.get("/sessions?offset=-1"), 400, "validation");
        assertProblem(api.get("/sessions?offset=abc"), 400, "validation");
        assertProblem(api.get("/sessions?label=nocolon"), 400, "validation");
        assertProblem(api.get("/sessions/" + id + "/trials?limit=5000"), 400, "validation");

        assertUnchanged(id);
    }

    @Test
    void requestsOutsideTheContractGetTheirProblemType() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2}");
        act(id);

        assertProblem(api.get("/sessions/not-a-uuid"), 404, "session-not-found");
        assertProblem(api.post("/sessions/12345/act", "{}"), 404, "session-not-found");
        assertProblem(api.get("/sessions/00000000-0000-0000-0000-000000000000"), 404, "session-not-found");
        assertProblem(api.get("/no/such/path"), 404, "not-found");
        assertProblem(api.rawGet("/sessions/%zz"), 400, "malformed-request");
        assertProblem(api.rawGet("/sessions/a%00b"), 400, "malformed-request");
        assertProblem(api.method("PUT", "/sessions/" + id), 405, "method-not-allowed");
        assertProblem(api.get("/sessions/" + id + "/act"), 405, "method-not-allowed");
        assertProblem(api.post("/sessions", "text/plain", "agent=boltzmann"), 415, "unsupported-media-type");
        assertProblem(
                api.post("/sessions/" + id + "/feedback", "application/xml", "<trial/>"),
                415,
                "unsupported-media-type");
        assertProblem(api.get("/agents", "image/png"), 406, "not-acceptable");
        assertProblem(api.get("/sessions/" + id, "text/csv"), 406, "not-acceptable");

        assertUnchanged(id);
    }

    @Test
    void bodiesOverTheLimitAreRefusedWhetherDeclaredOrChunked() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2}");
        act(id);
        String huge = "{\"metadata\": {\"a\": \"" + "x".repeat(70_000) + "\"}}";

        Reply declared = api.post("/sessions/" + id + "/act", huge);
        Reply chunked = api.postChunked("/sessions/" + id + "/act", huge);

        assertProblem(declared, 413, "payload-too-large");
        assertProblem(chunked, 413, "payload-too-large");
        assertThat(api.postChunked("/sessions/" + id + "/act", "{\"stimulation\": 0}")
                        .status())
                .isEqualTo(200);
        assertUnchanged(id);
    }

    // ---- batches

    @Test
    void aBatchRunsItsStepsAsTrialsAndTheLogHasThem() {
        String id = createSession("{\"agent\": \"neuromodulated\", \"arms\": 5, \"seed\": 41}");

        Reply reply = api.post("/sessions/" + id + "/batch", """
                {"firstTrial": 1,
                 "steps": [ {"rewards": [0.0, 1.0, 0.0, 0.0, 0.5]},
                            {"rewards": [1.0, 0.0, 0.0, 0.0, 0.0], "stimulation": 0.05, "metadata": {"block": 2}},
                            {"action": 3, "reward": 1.0} ]}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode batch = reply.json();
        JsonNode trials = batch.path("trials");
        assertThat(batch.path("firstTrial").asInt()).isEqualTo(1);
        assertThat(trials).hasSize(3);
        assertThat(batch.path("trialCount").asInt()).isEqualTo(3);
        JsonNode first = trials.get(0);
        assertThat(first.path("trial").asInt()).isEqualTo(1);
        assertThat(first.path("proposedAction").asInt())
                .isEqualTo(first.path("action").asInt());
        assertThat(first.path("reward").asDouble())
                .isEqualTo(List.of(0.0, 1.0, 0.0, 0.0, 0.5)
                        .get(first.path("action").asInt()));
        assertThat(first.path("open").asBoolean()).isFalse();
        JsonNode second = trials.get(1);
        assertThat(second.path("stimulation").asDouble()).isEqualTo(0.05);
        assertThat(second.path("actMetadata").path("block").asInt()).isEqualTo(2);
        assertThat(second.path("reward").asDouble())
                .isEqualTo(second.path("action").asInt() == 0 ? 1.0 : 0.0);
        JsonNode third = trials.get(2);
        assertThat(third.path("action").asInt()).isEqualTo(3);
        assertThat(third.path("proposedAction").isNull()).isTrue();
        assertThat(third.path("reward").asDouble()).isEqualTo(1.0);
        assertThat(third.path("actionProbability").asDouble())
                .isEqualTo(third.path("probabilities").get(3).asDouble());
        double sum = 0;
        for (JsonNode trial : trials) {
            sum += Math.max(Math.log(trial.path("actionProbability").asDouble()), Math.log(1e-300));
        }
        assertThat(batch.path("logLikelihood").asDouble()).isCloseTo(sum, offset(1e-12));
        assertThat(third.path("logLikelihood").asDouble())
                .isEqualTo(batch.path("logLikelihood").asDouble());

        JsonNode session = session(id);
        assertThat(session.path("trials").asInt()).isEqualTo(3);
        assertThat(session.path("openTrial").isNull()).isTrue();
        assertThat(session.path("logLikelihood").asDouble())
                .isEqualTo(batch.path("logLikelihood").asDouble());
        JsonNode log = api.get("/sessions/" + id + "/trials").json();
        assertThat(log.path("total").asLong()).isEqualTo(3);
        assertThat(log.path("items")).isEqualTo(trials);
        String[] csv = api.get("/sessions/" + id + "/trials", "text/csv").body().split("\r\n");
        assertThat(csv).hasSize(4);
        assertThat(csv[2])
                .startsWith("2," + second.path("action").asInt() + ",")
                .contains("\"{\"\"block\"\":2}\"");
        assertThat(csv[3]).startsWith("3,3,,1.0,false,");
    }

    @Test
    void aBatchMakesTheTrialsOfItsStepsSentOneByOne() {
        for (String agent : List.of("neuromodulated", "discounted-ucb", "boltzmann")) {
            String body = "{\"agent\": \"" + agent + "\", \"arms\": 3, \"seed\": 43}";
            String batched = createSession(body);
            String twin = createSession(body);
            var random = new SplittableRandom(agent.hashCode());
            List<String> steps = new ArrayList<>();
            for (int step = 0; step < 40; step++) {
                String stimulation = step % 4 == 1 ? ", \"stimulation\": " + (0.125 * (step % 3)) : "";
                steps.add(
                        step % 5 == 2
                                ? "{\"action\": " + random.nextInt(3) + ", \"reward\": " + random.nextGaussian()
                                        + stimulation + "}"
                                : "{\"rewards\": [" + random.nextGaussian() + ", " + random.nextGaussian() + ", "
                                        + random.nextGaussian() + "]" + stimulation + "}");
            }

            JsonNode batch = batch(batched, 1, steps);
            for (int step = 0; step < steps.size(); step++) {
                JsonNode given = Api.JSON.readTree(steps.get(step));
                String stimulation = given.has("stimulation") ? ", \"stimulation\": " + given.path("stimulation") : "";
                if (given.has("rewards")) {
                    JsonNode decision = api.post(
                                    "/sessions/" + twin + "/act",
                                    "{" + stimulation.substring(Math.min(1, stimulation.length())) + "}")
                            .json();
                    feedback(
                            twin,
                            decision.path("trial").asInt(),
                            given.path("rewards")
                                    .get(decision.path("action").asInt())
                                    .asDouble());
                } else {
                    Reply recorded = api.post(
                            "/sessions/" + twin + "/feedback",
                            "{\"trial\": " + (step + 1) + ", \"action\": " + given.path("action") + ", \"reward\": "
                                    + given.path("reward") + stimulation + "}");
                    assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
                }
            }

            JsonNode oneByOne = api.get("/sessions/" + twin + "/trials").json().path("items");
            assertThat(oneByOne).hasSize(steps.size());
            for (int trial = 0; trial < steps.size(); trial++) {
                assertThat(withoutTimes(batch.path("trials").get(trial)))
                        .as("%s trial %d", agent, trial + 1)
                        .isEqualTo(withoutTimes(oneByOne.get(trial)));
            }
            assertThat(session(batched).path("logLikelihood"))
                    .isEqualTo(session(twin).path("logLikelihood"));
            assertThat(withoutTimes(act(batched))).as("the next decision").isEqualTo(withoutTimes(act(twin)));
        }
    }

    @Test
    void aRepeatedBatchAnswersTheSameAndAppliesNothing() {
        String id = createSession("{\"agent\": \"neuromodulated\", \"arms\": 2, \"seed\": 47}");
        List<String> steps =
                List.of("{\"rewards\": [1.0, 0.0]}", "{\"action\": 1, \"reward\": 0.5}", "{\"rewards\": [0.0, 1.0]}");
        JsonNode first = batch(id, 1, steps);
        JsonNode session = session(id);

        Reply again = api.post("/sessions/" + id + "/batch", batchBody(1, steps));
        List<String> otherArmsNotTaken = new ArrayList<>(steps);
        int firstAction = first.path("trials").get(0).path("action").asInt();
        otherArmsNotTaken.set(0, firstAction == 0 ? "{\"rewards\": [1.0, 7.0]}" : "{\"rewards\": [7.0, 0.0]}");
        Reply sameOnTheArmsTaken = api.post("/sessions/" + id + "/batch", batchBody(1, otherArmsNotTaken));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first);
        assertThat(sameOnTheArmsTaken.status()).isEqualTo(200);
        assertThat(sameOnTheArmsTaken.json()).isEqualTo(first);
        assertThat(session(id)).isEqualTo(session);
        assertThat(api.get("/sessions/" + id + "/trials").json().path("total").asLong())
                .isEqualTo(3);
    }

    @Test
    void aDifferentBatchAtTheSameFirstTrialIsABatchConflict() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 53}");
        JsonNode applied = batch(id, 1, List.of("{\"rewards\": [1.0, 1.0]}", "{\"action\": 0, \"reward\": 1.0}"));
        JsonNode session = session(id);

        Reply otherReward = api.post(
                "/sessions/" + id + "/batch",
                batchBody(1, List.of("{\"rewards\": [0.0, 0.0]}", "{\"action\": 0, \"reward\": 1.0}")));
        Reply otherAction = api.post(
                "/sessions/" + id + "/batch",
                batchBody(1, List.of("{\"rewards\": [1.0, 1.0]}", "{\"action\": 1, \"reward\": 1.0}")));
        Reply pastTheEnd = api.post(
                "/sessions/" + id + "/batch",
                batchBody(2, List.of("{\"action\": 0, \"reward\": 1.0}", "{\"action\": 0, \"reward\": 1.0}")));
        Reply gap = api.post("/sessions/" + id + "/batch", batchBody(5, List.of("{\"action\": 0, \"reward\": 1.0}")));

        assertProblem(otherReward, 409, "batch-conflict");
        assertThat(otherReward.json().path("trial").asInt()).isEqualTo(1);
        assertThat(otherReward.json().path("expectedTrial").asInt()).isEqualTo(3);
        assertThat(otherReward.json().path("firstTrial").asInt()).isEqualTo(1);
        assertThat(otherReward.json().path("sessionId").asString()).isEqualTo(id);
        assertThat(otherReward.json().path("detail").asString()).contains("next trial is 3");
        assertProblem(otherAction, 409, "batch-conflict");
        assertThat(otherAction.json().path("trial").asInt()).isEqualTo(2);
        assertProblem(pastTheEnd, 409, "batch-conflict");
        assertThat(pastTheEnd.json().path("expectedTrial").asInt()).isEqualTo(3);
        assertProblem(gap, 409, "batch-conflict");
        assertThat(gap.json().path("detail").asString()).contains("next trial is 3");
        assertThat(session(id)).isEqualTo(session);
        assertThat(api.get("/sessions/" + id + "/trials").json().path("items")).isEqualTo(applied.path("trials"));
    }

    @Test
    void aBatchWhileATrialIsOpenIsABatchConflict() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 59}");
        act(id);

        Reply atTheOpenTrial = api.post("/sessions/" + id + "/batch", batchBody(1, List.of("{\"rewards\": [1, 0]}")));
        Reply afterIt = api.post("/sessions/" + id + "/batch", batchBody(2, List.of("{\"rewards\": [1, 0]}")));

        for (Reply conflict : List.of(atTheOpenTrial, afterIt)) {
            assertProblem(conflict, 409, "batch-conflict");
            assertThat(conflict.json().path("openTrial").asInt()).isEqualTo(1);
            assertThat(conflict.json().path("expectedTrial").asInt()).isEqualTo(2);
            assertThat(conflict.json().path("detail").asString()).contains("trial 1 is open");
        }
        assertUnchanged(id);
    }

    @Test
    void aBatchContinuesTheNumberingOfPerCallTrialsAndTheyContinueIts() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 61}");
        runTrials(id, 2);
        api.post("/sessions/" + id + "/feedback", "{\"trial\": 3, \"action\": 1, \"reward\": 0.5}");

        JsonNode batch = batch(id, 4, List.of("{\"rewards\": [0.0, 1.0]}", "{\"action\": 0, \"reward\": 1.0}"));

        assertThat(batch.path("trials").get(0).path("trial").asInt()).isEqualTo(4);
        assertThat(batch.path("trials").get(1).path("trial").asInt()).isEqualTo(5);
        assertThat(batch.path("trialCount").asInt()).isEqualTo(5);
        assertThat(act(id).path("trial").asInt()).isEqualTo(6);
        feedback(id, 6, 1.0);
        assertThat(api.post(
                                "/sessions/" + id + "/batch",
                                batchBody(4, List.of("{\"rewards\": [0.0, 1.0]}", "{\"action\": 0, \"reward\": 1.0}")))
                        .json())
                .as("a retry after later trials still answers the batch")
                .isEqualTo(batch);
        assertThat(batch(id, 7, List.of("{\"action\": 1, \"reward\": 0.0}"))
                        .path("trialCount")
                        .asInt())
                .isEqualTo(7);
        JsonNode log = api.get("/sessions/" + id + "/trials").json();
        assertThat(log.path("total").asLong()).isEqualTo(7);
        for (int trial = 1; trial <= 7; trial++) {
            assertThat(log.path("items").get(trial - 1).path("trial").asInt()).isEqualTo(trial);
        }
    }

    @Test
    void concurrentIdenticalBatchesApplyOnceAndAllGetTheSameAnswer() throws Exception {
        String id = createSession("{\"agent\": \"neuromodulated\", \"arms\": 3, \"seed\": 67}");
        List<String> steps = new ArrayList<>();
        for (int step = 0; step < 50; step++) {
            steps.add("{\"rewards\": [" + (step % 3) + ", 0.5, " + (step % 2) + "]}");
        }
        String body = batchBody(1, steps);

        List<Reply> replies = concurrently(4, () -> api.post("/sessions/" + id + "/batch", body));

        assertThat(replies)
                .allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isEqualTo(200));
        assertThat(replies.stream().map(Reply::json).distinct()).hasSize(1);
        assertThat(session(id).path("trials").asInt()).isEqualTo(50);
        JsonNode log = api.get("/sessions/" + id + "/trials").json();
        assertThat(log.path("total").asLong()).isEqualTo(50);
        assertThat(log.path("items")).isEqualTo(replies.getFirst().json().path("trials"));
    }

    @Test
    void invalidBatchesAreRefusedAndChangeNothing() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2}");
        act(id);
        String path = "/sessions/" + id + "/batch";

        Reply both = api.post(
                path,
                batchBody(2, List.of("{\"rewards\": [0, 1]}", "{\"rewards\": [0, 1], \"action\": 0, \"reward\": 1}")));
        assertProblem(both, 400, "validation");
        assertThat(both.json().path("errors").get(0).asString()).startsWith("steps[1]: ");
        Reply several = api.post(
                path,
                batchBody(
                        2,
                        List.of(
                                "{}",
                                "{\"rewards\": [0, 1, 2]}",
                                "{\"action\": 2, \"reward\": 1}",
                                "{\"reward\": 1}",
                                "{\"rewards\": [0, 1], \"stimulation\": -1}",
                                "{\"rewards\": [0, 1], \"metadata\": {\"a\": {\"b\": 1}}}")));
        assertProblem(several, 400, "validation");
        assertThat(several.json().path("errors"))
                .extracting(JsonNode::asString)
                .allSatisfy(error -> assertThat(error).startsWith("steps["))
                .anySatisfy(error -> assertThat(error).startsWith("steps[0]: "))
                .anySatisfy(error -> assertThat(error).startsWith("steps[3]: "))
                .anySatisfy(error -> assertThat(error).startsWith("steps[4]: "))
                .anySatisfy(error -> assertThat(error).startsWith("steps[5]: "));
        Reply arms =
                api.post(path, batchBody(2, List.of("{\"rewards\": [0, 1, 2]}", "{\"action\": 2, \"reward\": 1}")));
        assertProblem(arms, 400, "validation");
        assertThat(arms.json().path("errors"))
                .extracting(JsonNode::asString)
                .containsExactly(
                        "steps[0]: rewards must hold one reward per arm (2), has 3",
                        "steps[1]: action must be an arm index within [0, 1], was 2");
        for (String refused : List.of(
                "{\"firstTrial\": 2, \"steps\": []}",
                "{\"firstTrial\": 0, \"steps\": [{\"rewards\": [0, 1]}]}",
                "{\"steps\": [{\"rewards\": [0, 1]}]}",
                "{\"firstTrial\": 2}")) {
            assertProblem(api.post(path, refused), 400, "validation");
        }
        for (String rewards : List.of("[0, 1e400]", "[-1e999, 0]", "[0, [1]]", "0.5", "{}")) {
            Reply refused = api.post(path, "{\"firstTrial\": 2, \"steps\": [{\"rewards\": " + rewards + "}]}");
            assertProblem(refused, 400, "malformed-request");
            assertThat(refused.json().path("detail").asString()).as(rewards).contains("steps[0].rewards");
        }
        for (String malformed : List.of(
                "{\"firstTrial\": 2, \"steps\": [{\"rewards\": [0, NaN]}]}",
                "{\"firstTrial\": 2, \"steps\": [{\"action\": 0, \"reward\": 1e999}]}",
                "{\"firstTrial\": 2, \"steps\": [{\"rewards\": [0, null]}]}",
                "{\"firstTrial\": 2, \"steps\": [{\"rewards\": [0, \"1\"]}]}",
                "{\"firstTrial\": 2, \"steps\": [{\"rewards\": [0, 1], \"colour\": 1}]}",
                "{\"firstTrial\": 2, \"steps\": [{\"rewards\": [0, 1]}], \"extra\": 1}",
                "{\"firstTrial\": \"2\", \"steps\": [{\"rewards\": [0, 1]}]}",
                "{\"firstTrial\": 2, \"steps\": {\"rewards\": [0, 1]}}",
                "[]",
                "")) {
            assertProblem(api.post(path, malformed), 400, "malformed-request");
        }
        assertProblem(
                api.post(path, "text/plain", batchBody(2, List.of("{\"rewards\": [0, 1]}"))),
                415,
                "unsupported-media-type");
        assertProblem(
                api.post("/sessions/" + UUID.randomUUID() + "/batch", batchBody(1, List.of("{\"rewards\": [0, 1]}"))),
                404,
                "session-not-found");

        assertUnchanged(id);
    }

    @Test
    void batchLimitsHoldAtTheirBoundaries() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 71}");
        String path = "/sessions/" + id + "/batch";
        List<String> largest = Collections.nCopies(10_000, "{\"rewards\":[0.25,1]}");

        Reply tooMany = api.post(path, batchBody(1, Collections.nCopies(10_001, "{\"rewards\":[0.25,1]}")));
        Reply atTheLimit = api.post(path, batchBody(1, largest));

        assertProblem(tooMany, 400, "validation");
        assertThat(tooMany.json().path("detail").asString()).contains("max-batch-steps");
        assertThat(atTheLimit.status()).as(atTheLimit.body()).isEqualTo(200);
        assertThat(atTheLimit.json().path("trials")).hasSize(10_000);
        assertThat(session(id).path("trials").asInt()).isEqualTo(10_000);

        String wide = createSession("{\"agent\": \"boltzmann\", \"arms\": 1000, \"seed\": 73}");
        Reply tooManyCells = api.post(
                "/sessions/" + wide + "/batch", batchBody(1, Collections.nCopies(101, "{\"action\":7,\"reward\":1}")));
        assertProblem(tooManyCells, 400, "validation");
        assertThat(tooManyCells.json().path("detail").asString()).contains("max-batch-cells", "100 steps");
        Reply widest = api.post(
                "/sessions/" + wide + "/batch", batchBody(1, Collections.nCopies(100, "{\"action\":7,\"reward\":1}")));
        assertThat(widest.status()).as(widest.body()).isEqualTo(200);
        assertThat(session(wide).path("trials").asInt()).isEqualTo(100);
    }

    @Test
    void aBatchBodyMayBeLargerThanOtherBodiesUpToItsOwnLimit() {
        String id = createSession("{\"agent\": \"boltzmann\", \"arms\": 2, \"seed\": 79}");
        String path = "/sessions/" + id + "/batch";
        String batch = batchBody(1, List.of("{\"rewards\": [0, 1]}"));
        int limit = 4_194_304;

        Reply overTheLimit = api.post(path, padded(batch, limit + 1));
        Reply overTheLimitChunked = api.postChunked(path, padded(batch, limit + 1));
        Reply actOverItsLimit = api.post("/sessions/" + id + "/act", padded("{}", 65_537));
        Reply atTheLimit = api.post(path, padded(batch, limit));

        assertProblem(overTheLimit, 413, "payload-too-large");
        assertThat(overTheLimit.json().path("limit").asString()).isEqualTo("max-batch-body-bytes");
        assertThat(overTheLimit.json().path("maxBodyBytes").asInt()).isEqualTo(limit);
        assertProblem(overTheLimitChunked, 413, "payload-too-large");
        assertProblem(actOverItsLimit, 413, "payload-too-large");
        assertThat(actOverItsLimit.json().path("limit").asString()).isEqualTo("max-body-bytes");
        assertThat(atTheLimit.status()).as(atTheLimit.body()).isEqualTo(200);
        assertThat(api.postChunked(path, padded(batchBody(2, List.of("{\"rewards\": [0, 1]}")), 100_000))
                        .status())
                .isEqualTo(200);
        assertThat(session(id).path("trials").asInt()).isEqualTo(2);
    }

    // ---- operations

    @Test
    void exposesHealthProbesInfoMetricsAndTheApiDescriptionOnly() {
        Reply readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/info").status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(api.get("/actuator/env").status()).isEqualTo(404);
        assertThat(api.get("/actuator/beans").status()).isEqualTo(404);

        JsonNode openApi = api.get("/v3/api-docs").json();
        assertThat(openApi.path("paths").propertyNames())
                .contains(
                        "/sessions",
                        "/sessions/{id}",
                        "/sessions/{id}/act",
                        "/sessions/{id}/feedback",
                        "/sessions/{id}/batch",
                        "/sessions/{id}/trials",
                        "/agents");
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    // ---- helpers

    private String createSession(String json) {
        Reply created = api.post("/sessions", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private JsonNode session(String id) {
        return api.get("/sessions/" + id).json();
    }

    private JsonNode act(String id) {
        Reply reply = api.postEmpty("/sessions/" + id + "/act");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode feedback(String id, int trial, double reward) {
        Reply reply =
                api.post("/sessions/" + id + "/feedback", "{\"trial\": " + trial + ", \"reward\": " + reward + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode batch(String id, int firstTrial, List<String> steps) {
        Reply reply = api.post("/sessions/" + id + "/batch", batchBody(firstTrial, steps));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static String batchBody(int firstTrial, List<String> steps) {
        return "{\"firstTrial\": " + firstTrial + ", \"steps\": [" + String.join(", ", steps) + "]}";
    }

    /** A JSON body grown with trailing spaces (insignificant whitespace) to exactly {@code size} bytes. */
    private static String padded(String json, int size) {
        return json + " ".repeat(size - json.getBytes(StandardCharsets.UTF_8).length);
    }

    /** A trial or decision without the service's timestamps, which two sessions never share. */
    private static JsonNode withoutTimes(JsonNode node) {
        var copy = ((ObjectNode) node).deepCopy();
        copy.remove(List.of("actedAt", "closedAt"));
        return copy;
    }

    private void runTrials(String id, int count) {
        for (int i = 0; i < count; i++) {
            JsonNode decision = act(id);
            feedback(id, decision.path("trial").asInt(), decision.path("action").asInt() == 0 ? 1.0 : 0.0);
        }
    }

    /** The session still has one trial, open, and its log says so. */
    private void assertUnchanged(String id) {
        JsonNode session = session(id);
        assertThat(session.path("trials").asInt()).isEqualTo(1);
        assertThat(session.path("openTrial").asInt()).isEqualTo(1);
        assertThat(api.get("/sessions/" + id + "/trials").json().path("total").asLong())
                .isEqualTo(1);
    }

    private static void assertProblem(Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.body()).startsWith(PROBLEM);
        assertThat(reply.json().path("type").asString()).as(reply.body()).isEqualTo("/problems/" + type);
        assertThat(reply.json().path("title").asString()).isNotBlank();
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
    }

    private static double sum(JsonNode numbers) {
        double total = 0;
        for (JsonNode number : numbers) {
            total += number.asDouble();
        }
        return total;
    }

    private static List<Reply> concurrently(int threads, Callable<Reply> request) throws Exception {
        var start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        }
    }
}
