package org.neuromod.session.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.neuromod.session.web.HostileInputs.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromod.Limits;
import org.neuromod.NeuromodAgentsApplication;
import org.neuromod.harness.HttpConnection;
import org.neuromod.harness.SessionApi;
import org.neuromod.web.ProblemType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input against the whole service over real HTTP (one application on a random port, on the
 * database a subclass chooses): for every endpoint, generated malformed and extreme requests (wrong
 * types, missing and unknown fields, non-finite numbers, huge and deeply nested bodies, long
 * strings, garbage bytes, bad ids, wrong methods, content types and Accept headers, hostile query
 * parameters, bodies over the limit, members named twice at any depth, text a database cannot
 * store in every text field, rewards beyond {@code neuromod.limits.max-abs-reward}). Not one of
 * them may be answered with a 5xx. Each must be answered with a 4xx {@code
 * application/problem+json} and leave a reference session exactly as it was: same trial count,
 * open trial and log-likelihood, and after every case the same next decision as a twin session
 * that never saw a hostile request. Hostile batches go to a second reference that has no open
 * trial, so that a batch wrongly accepted would be applied and show: it too must stay as it was,
 * and after every batch case it takes the same batch as its own twin, with the same trials. Every
 * resource limit is checked at its boundary.
 *
 * <p>Cases are drawn from {@link Generator}s over a {@link SplittableRandom} seeded with {@link
 * #SEED} and the test's name, one case at a time as the test runs, so that each addresses the
 * reference's open trial of that moment. The seed is printed; {@code
 * -Dneuromod.hostile.seed=<seed>} draws the same cases again, and a failure names the request it
 * sent.
 *
 * <p>The application is started once for the class, in a context of its own: its small {@code
 * neuromod.limits.max-sessions}, which lets the session limit be reached quickly, suits no other
 * test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileInputTest {

    private static final long SEED = Long.getLong("neuromod.hostile.seed", 20_240_816L);
    private static final int MAX_SESSIONS = 16;
    private static final int ARMS = 3;
    private static final String CLOSING_REWARD = "0.5";
    private static final String CASE = "[{index}] {0}";
    /** The valid steps hostile batches are made from: an agent's choice first, then a subject's. */
    private static final String BATCH_STEPS =
            "[{\"rewards\":[0.0,1.0,0.5]},{\"action\":1,\"reward\":0.5,\"stimulation\":0.25}]";
    /**
     * The steps that advance the batch reference and its twin: subjects' choices only, so that no
     * batch made from {@link #BATCH_STEPS} at an earlier trial repeats a stored one.
     */
    private static final String ADVANCING_STEPS = "[{\"action\":0,\"reward\":1.0},{\"action\":2,\"reward\":0.0}]";

    private static ConfigurableApplicationContext context;
    private static Path dataDirectory;
    private static HttpConnection http;
    private static Limits limits;
    private static String agent;
    private static JsonNode agentParameters;
    private static String reference;
    private static String twin;
    private static int openTrial;
    private static JsonNode referenceSession;
    private static JsonNode referenceOpenTrial;
    private static String batchReference;
    private static String batchTwin;
    private static int batchNextTrial;
    private static JsonNode batchReferenceSession;
    private static boolean batchesSent;
    private static long sessionCount;
    private static long requests;
    private static long serverErrors;

    /** Spring properties choosing the database, added to the suite's own. */
    abstract Map<String, String> database();

    @BeforeAll
    void startService() throws IOException {
        Map<String, String> database = database();
        System.out.printf(
                "hostile input on %s: seed %d (repeat with -Dneuromod.hostile.seed=%d)%n",
                getClass().getSimpleName(), SEED, SEED);
        requests = 0;
        serverErrors = 0;
        batchesSent = false;
        dataDirectory = Files.createTempDirectory("neuromod-hostile-");
        // command-line arguments, so that they override application.yml
        var arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--neuromod.data-dir=" + dataDirectory,
                "--neuromod.limits.max-sessions=" + MAX_SESSIONS,
                "--spring.main.banner-mode=off"));
        database.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        context = new SpringApplicationBuilder(NeuromodAgentsApplication.class).run(arguments.toArray(String[]::new));
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        http = new HttpConnection("127.0.0.1", port, 60_000);
        limits = context.getBean(Limits.class);
        JsonNode agents = SessionApi.json(http.get("/agents"));
        for (JsonNode candidate : agents) {
            if (agent == null && !candidate.path("simulationOnly").asBoolean()) {
                agent = candidate.path("name").asString();
                agentParameters = candidate.path("parameters");
            }
        }
        reference = SessionApi.createSession(http, agent, ARMS, 42);
        twin = SessionApi.createSession(http, agent, ARMS, 42);
        for (String session : List.of(reference, twin)) {
            ok(http.post(actPath(session), "{}"));
            ok(http.post(feedbackPath(session), "{\"trial\":1,\"reward\":" + CLOSING_REWARD + "}"));
            ok(http.post(actPath(session), "{}"));
        }
        // the batch reference has no open trial, so that a batch it wrongly accepted would apply
        batchReference = SessionApi.createSession(http, agent, ARMS, 43);
        batchTwin = SessionApi.createSession(http, agent, ARMS, 43);
        batchNextTrial = 1;
        advanceBatchReference();
        openTrial = 2;
        rememberReference();
    }

    @AfterAll
    void stopService() throws IOException {
        System.out.printf(
                "hostile input on %s: %d requests, %d answered with a 5xx%n",
                getClass().getSimpleName(), requests, serverErrors);
        if (http != null) {
            http.close();
        }
        if (context != null) {
            context.close();
        }
        if (dataDirectory != null) {
            try (var paths = Files.walk(dataDirectory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        assertThat(serverErrors).as("responses with a 5xx").isZero();
    }

    /**
     * After each case the reference session and its twin close their open trial with the same
     * feedback and act again: the same feedback answer and the same next decision, or a hostile
     * request changed the reference's agent.
     */
    @AfterEach
    void referenceStillDecidesLikeItsTwin() throws IOException {
        if (batchesSent) {
            advanceBatchReference();
            batchesSent = false;
        }
        String feedback = "{\"trial\":" + openTrial + ",\"reward\":" + CLOSING_REWARD + "}";
        JsonNode referenceFeedback = ok(http.post(feedbackPath(reference), feedback));
        JsonNode twinFeedback = ok(http.post(feedbackPath(twin), feedback));
        assertThat(without(referenceFeedback, "closedAt")).isEqualTo(without(twinFeedback, "closedAt"));
        JsonNode referenceAct = ok(http.post(actPath(reference), "{}"));
        JsonNode twinAct = ok(http.post(actPath(twin), "{}"));
        assertThat(without(referenceAct, "actedAt")).isEqualTo(without(twinAct, "actedAt"));
        openTrial++;
        rememberReference();
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void createSessionRefusesHostileBodies(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> createSessionRefusesHostileBodies(TestInfo test) {
        return cases(test, 125, HostileInputTest::hostileSessionBodies);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void actRefusesHostileBodies(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> actRefusesHostileBodies(TestInfo test) {
        return cases(test, 120, HostileInputTest::hostileActBodies);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void feedbackRefusesHostileBodies(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> feedbackRefusesHostileBodies(TestInfo test) {
        return cases(test, 125, HostileInputTest::hostileFeedbackBodies);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void batchRefusesHostileBodies(HostileRequest request) throws IOException {
        batchesSent = true;
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> batchRefusesHostileBodies(TestInfo test) {
        return cases(test, 110, HostileInputTest::hostileBatchBodies);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void experimentsRefuseHostileBodies(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> experimentsRefuseHostileBodies(TestInfo test) {
        return cases(test, 50, HostileInputTest::hostileExperimentBodies);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void garbageBytesAreRefusedByEveryBodyEndpoint(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> garbageBytesAreRefusedByEveryBodyEndpoint(TestInfo test) {
        return cases(test, 85, HostileInputTest::garbage);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void unknownIdsNameNoSession(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> unknownIdsNameNoSession(TestInfo test) {
        return cases(test, 85, HostileInputTest::unknownIds);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void wrongMethodsAreRefused(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> wrongMethodsAreRefused(TestInfo test) {
        return cases(test, 50, HostileInputTest::wrongMethods);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void validBodiesOfAnotherContentTypeAreRefused(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> validBodiesOfAnotherContentTypeAreRefused(TestInfo test) {
        return cases(test, 55, HostileInputTest::wrongContentTypes);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void unacceptableAcceptHeadersAreRefused(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> unacceptableAcceptHeadersAreRefused(TestInfo test) {
        return cases(test, 55, HostileInputTest::unacceptable);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void hostileQueryParametersAreRefused(HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    static Stream<HostileRequest> hostileQueryParametersAreRefused(TestInfo test) {
        return cases(test, 65, HostileInputTest::hostileQueries);
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void bodiesOverTheLimitAreRefusedUnread(HostileRequest request) throws IOException {
        HttpConnection.Response response = assertRefusedAndNothingChanged(request);
        assertThat(response.status()).as("status for %s", request).isEqualTo(413);
        assertThat(problemType(response))
                .as("problem type for %s", request)
                .isEqualTo(ProblemType.PAYLOAD_TOO_LARGE.uri().toString());
    }

    static Stream<HostileRequest> bodiesOverTheLimitAreRefusedUnread(TestInfo test) {
        return cases(test, 30, HostileInputTest::oversized);
    }

    /**
     * {@code tries} requests, each drawn when the test reaches it from a generator made at that
     * moment (so that it addresses the reference's open trial then), all from one random generator
     * seeded with {@link #SEED} and the test's name.
     */
    private static Stream<HostileRequest> cases(
            TestInfo test, int tries, Supplier<Generator<HostileRequest>> generator) {
        var random = new SplittableRandom(
                SEED ^ test.getTestMethod().orElseThrow().getName().hashCode());
        return Stream.generate(() -> generator.get().next(random)).limit(tries);
    }

    @Test
    void armsAreLimited() throws IOException {
        String atLimit = ok(http.post("/sessions", sessionBody(limits.maxArms(), "")))
                .path("id")
                .asString();
        SessionApi.expect(http.delete("/sessions/" + atLimit), "DELETE");

        var response =
                assertRefusedAndNothingChanged(HostileRequest.post("/sessions", sessionBody(limits.maxArms() + 1, "")));
        assertThat(problemType(response)).isEqualTo(ProblemType.VALIDATION.uri().toString());
    }

    @Test
    void sessionsAreLimited() throws IOException {
        var created = new ArrayList<String>();
        try {
            while (sessionCount < limits.maxSessions()) {
                created.add(ok(http.post("/sessions", sessionBody(ARMS, "")))
                        .path("id")
                        .asString());
                sessionCount++;
            }
            var response = assertRefusedAndNothingChanged(HostileRequest.post("/sessions", sessionBody(ARMS, "")));
            assertThat(response.status()).isEqualTo(409);
            assertThat(problemType(response))
                    .isEqualTo(ProblemType.LIMIT_EXCEEDED.uri().toString());
        } finally {
            for (String id : created) {
                SessionApi.expect(http.delete("/sessions/" + id), "DELETE");
                sessionCount--;
            }
        }
    }

    @Test
    void pagesAreLimited() throws IOException {
        int largest = limits.maxPageSize();
        ok(http.get("/sessions?limit=" + largest));
        ok(http.get(trialsPath(reference) + "?limit=" + largest));
        for (String target :
                List.of("/sessions?limit=" + (largest + 1), trialsPath(reference) + "?limit=" + (largest + 1))) {
            var response = assertRefusedAndNothingChanged(HostileRequest.get(target, List.of()));
            assertThat(problemType(response))
                    .isEqualTo(ProblemType.VALIDATION.uri().toString());
        }
    }

    @Test
    void queryNumbersAreDecimal() throws IOException {
        String trials = trialsPath(reference);
        for (String number : List.of("0x10", "0X10", "%2310", "-0x1", "%2010", "10%20")) {
            for (HostileRequest request : List.of(
                    HostileRequest.get("/sessions?limit=" + number, List.of()),
                    HostileRequest.get("/sessions?offset=" + number, List.of()),
                    HostileRequest.get(trials + "?limit=" + number, List.of()),
                    HostileRequest.get(trials + "?offset=" + number, List.of("Accept: text/csv")),
                    HostileRequest.get(trials + "?limit=" + number, List.of("Accept: text/csv")))) {
                var response = assertRefusedAndNothingChanged(request);
                assertThat(problemType(response))
                        .as("problem type for %s", request)
                        .isEqualTo(ProblemType.VALIDATION.uri().toString());
            }
        }
    }

    @Test
    void bodySizeIsLimited() throws IOException {
        for (boolean chunked : List.of(false, true)) {
            String atLimit = padded(sessionBody(ARMS, ""), limits.maxBodyBytes());
            var accepted = send(HostileRequest.post("/sessions", atLimit, chunked));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
            SessionApi.expect(
                    http.delete(
                            "/sessions/" + SessionApi.json(accepted).path("id").asString()),
                    "DELETE");

            String overLimit = padded(sessionBody(ARMS, ""), limits.maxBodyBytes() + 1);
            var refused = assertRefusedAndNothingChanged(HostileRequest.post("/sessions", overLimit, chunked));
            assertThat(refused.status()).isEqualTo(413);
        }
    }

    @Test
    void batchStepsAreLimited() throws IOException {
        batchesSent = true;
        String scratch = SessionApi.createSession(http, agent, ARMS, 44);
        try {
            JsonNode largest = ok(http.post(batchPath(scratch), batchBody(1, repeatedSteps(limits.maxBatchSteps()))));
            assertThat(largest.path("trials")).hasSize(limits.maxBatchSteps());
        } finally {
            SessionApi.expect(http.delete("/sessions/" + scratch), "DELETE");
        }

        var response = assertRefusedAndNothingChanged(HostileRequest.post(
                batchPath(batchReference), batchBody(batchNextTrial, repeatedSteps(limits.maxBatchSteps() + 1))));
        assertThat(problemType(response)).isEqualTo(ProblemType.VALIDATION.uri().toString());
    }

    @Test
    void batchBodySizeIsLimited() throws IOException {
        batchesSent = true;
        int limit = limits.maxBatchBodyBytes();
        assertThat(limit).isGreaterThan(limits.maxBodyBytes());
        for (boolean chunked : List.of(false, true)) {
            String atLimit = padded(batchBody(batchNextTrial, BATCH_STEPS), limit);
            var accepted = send(HostileRequest.post(batchPath(batchTwin), atLimit, chunked));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            // the reference takes the same batch the proper way, so that the two stay twins
            ok(http.post(batchPath(batchReference), batchBody(batchNextTrial, BATCH_STEPS)));
            batchNextTrial += 2;
            batchReferenceSession = ok(http.get("/sessions/" + batchReference));

            String overLimit = padded(batchBody(batchNextTrial, BATCH_STEPS), limit + 1);
            var refused =
                    assertRefusedAndNothingChanged(HostileRequest.post(batchPath(batchReference), overLimit, chunked));
            assertThat(refused.status()).isEqualTo(413);
        }
    }

    @Test
    void metadataIsLimited() throws IOException {
        String entries =
                IntStream.range(0, 32).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(","));
        String longest = "{" + quote("n".repeat(64)) + ":" + quote("v".repeat(256)) + ","
                + entries.substring(0, entries.lastIndexOf(',')) + "}";
        assertThat(ok(http.post(actPath(reference), "{\"metadata\":" + longest + "}"))
                        .path("trial")
                        .asInt())
                .isEqualTo(openTrial);
        for (String tooMuch : List.of(
                "{" + entries + ",\"k32\":32}",
                "{" + quote("n".repeat(65)) + ":1}",
                "{\"a\":" + quote("v".repeat(257)) + "}")) {
            var response = assertRefusedAndNothingChanged(
                    HostileRequest.post(actPath(reference), "{\"metadata\":" + tooMuch + "}"));
            assertThat(problemType(response))
                    .isEqualTo(ProblemType.VALIDATION.uri().toString());
        }
    }

    @Test
    void labelsAreLimited() throws IOException {
        String sixteen = IntStream.range(0, 16)
                .mapToObj(i -> "\"label" + i + "\":" + quote("v".repeat(256)))
                .collect(Collectors.joining(",", "{", "}"));
        String created = ok(http.post("/sessions", sessionBody(ARMS, ",\"labels\":" + sixteen)))
                .path("id")
                .asString();
        SessionApi.expect(http.delete("/sessions/" + created), "DELETE");
        for (String tooMany : List.of(
                sixteen.substring(0, sixteen.length() - 1) + ",\"label16\":\"v\"}",
                "{\"a\":" + quote("v".repeat(257)) + "}",
                "{" + quote("n".repeat(65)) + ":\"v\"}")) {
            var response = assertRefusedAndNothingChanged(
                    HostileRequest.post("/sessions", sessionBody(ARMS, ",\"labels\":" + tooMany)));
            assertThat(problemType(response))
                    .isEqualTo(ProblemType.VALIDATION.uri().toString());
        }
    }

    /** A request whose body names a member twice, and the member and pointer the problem must name. */
    record Duplicate(String member, String pointer, HostileRequest request) {

        @Override
        public String toString() {
            return pointer + " twice: " + request;
        }
    }

    @ParameterizedTest(name = CASE)
    @MethodSource
    void membersNamedTwiceAreRefusedAtEveryDepth(Duplicate duplicate) throws IOException {
        if (duplicate.request().target().endsWith("/batch")) {
            batchesSent = true;
        }
        var response = assertRefusedAndNothingChanged(duplicate.request());
        assertThat(response.status()).as("status for %s", duplicate).isEqualTo(400);
        JsonNode problem = SessionApi.json(response);
        assertThat(problem.path("type").asString())
                .as("problem type for %s", duplicate)
                .isEqualTo(ProblemType.MALFORMED_REQUEST.uri().toString());
        assertThat(problem.path("detail").asString())
                .as("problem detail for %s", duplicate)
                .contains("member '" + duplicate.member() + "' twice")
                .contains("(at " + duplicate.pointer() + ")");
    }

    /** Every body with a member named twice, drawn when the test reaches it, as the trial numbers are then. */
    static Stream<Duplicate> membersNamedTwiceAreRefusedAtEveryDepth() {
        int count = duplicates().size();
        return IntStream.range(0, count).mapToObj(index -> duplicates().get(index));
    }

    private static List<Duplicate> duplicates() {
        JsonNode firstParameter = agentParameters.get(0);
        String parameter = quote(firstParameter.path("name").asString());
        String parameterValue = firstParameter.path("default").toString();
        String session = "\"agent\":" + quote(agent) + ",\"arms\":" + ARMS;
        String feedback = "\"trial\":" + openTrial + ",\"reward\":0.25";
        String experimentAgent = "\"agent\":" + quote(agent) + ",\"parameters\":{}";
        String experiment = "\"environment\":\"paper-bandit\",\"seeds\":2,\"seed\":1";
        String act = actPath(reference);
        String feedbackTarget = feedbackPath(reference);
        String batch = batchPath(batchReference);
        return List.of(
                // the issue's own example: the last member won and made a neuromodulated session
                duplicate(
                        "agent",
                        "/agent",
                        "/sessions",
                        "{\"agent\":\"boltzmann\",\"agent\":\"neuromodulated\",\"arms\":3}"),
                duplicate("arms", "/arms", "/sessions", "{" + session + ",\"arms\":" + ARMS + "}"),
                duplicate("k", "/labels/k", "/sessions", "{" + session + ",\"labels\":{\"k\":\"v\",\"k\":\"w\"}}"),
                duplicate(
                        firstParameter.path("name").asString(),
                        "/parameters/" + firstParameter.path("name").asString(),
                        "/sessions",
                        "{" + session + ",\"parameters\":{" + parameter + ":" + parameterValue + "," + parameter + ":"
                                + parameterValue + "}}"),
                duplicate("stimulation", "/stimulation", act, "{\"stimulation\":0.0,\"stimulation\":0.5}"),
                duplicate("a", "/metadata/a", act, "{\"metadata\":{\"a\":1,\"a\":2}}"),
                duplicate("b", "/metadata/a/b", act, "{\"metadata\":{\"a\":{\"b\":1,\"b\":1}}}"),
                duplicate("reward", "/reward", feedbackTarget, "{" + feedback + ",\"reward\":0.5}"),
                duplicate("trial", "/trial", feedbackTarget, "{\"trial\":" + openTrial + "," + feedback + "}"),
                duplicate(
                        "x",
                        "/metadata/x",
                        feedbackTarget,
                        "{" + feedback + ",\"metadata\":{\"x\":\"a\",\"x\":\"a\"}}"),
                duplicate(
                        "firstTrial",
                        "/firstTrial",
                        batch,
                        "{\"firstTrial\":" + batchNextTrial + ",\"firstTrial\":" + batchNextTrial + ",\"steps\":"
                                + BATCH_STEPS + "}"),
                duplicate(
                        "action",
                        "/steps/1/action",
                        batch,
                        batchBody(
                                batchNextTrial,
                                "[{\"rewards\":[0.0,1.0,0.5]},{\"action\":1,\"action\":2,\"reward\":0.5}]")),
                duplicate(
                        "b",
                        "/steps/0/metadata/b",
                        batch,
                        batchBody(batchNextTrial, "[{\"rewards\":[0.0,1.0,0.5],\"metadata\":{\"b\":1,\"b\":1}}]")),
                duplicate(
                        "environment",
                        "/environment",
                        "/experiments",
                        "{" + experiment + ",\"environment\":\"paper-bandit\",\"agents\":[{\"label\":\"a\","
                                + experimentAgent + "}]}"),
                duplicate(
                        "label",
                        "/agents/0/label",
                        "/experiments",
                        "{" + experiment + ",\"agents\":[{\"label\":\"a\",\"label\":\"b\"," + experimentAgent + "}]}"),
                duplicate(
                        firstParameter.path("name").asString(),
                        "/agents/0/parameters/" + firstParameter.path("name").asString(),
                        "/experiments",
                        "{" + experiment + ",\"agents\":[{\"label\":\"a\",\"agent\":" + quote(agent)
                                + ",\"parameters\":{" + parameter + ":" + parameterValue + "," + parameter + ":"
                                + parameterValue + "}}]}"));
    }

    private static Duplicate duplicate(String member, String pointer, String target, String body) {
        return new Duplicate(member, pointer, HostileRequest.post(target, body));
    }

    /** Text that PostgreSQL cannot store (NUL) or UTF-8 cannot encode (an unpaired surrogate), as JSON strings. */
    private static final List<String> UNSTORABLE =
            List.of("\"\\u0000\"", "\"m\\u000017\"", "\"\\ud800\"", "\"x\\udfff\"");

    /**
     * Every text field the service stores, with text it cannot store: a validation problem saying
     * why. The one exception is a metadata name with an unpaired surrogate, which the JSON parser
     * itself refuses as malformed (for names only, not for values).
     */
    @Test
    void unstorableTextIsRefusedInEveryTextFieldWithAValidationProblem() throws IOException {
        for (String text : UNSTORABLE) {
            boolean nul = text.contains("u0000");
            String why = nul ? "NUL character (U+0000)" : "unpaired surrogate";
            assertValidationProblem(
                    HostileRequest.post("/sessions", sessionBody(ARMS, ",\"labels\":{\"subject\":" + text + "}")), why);
            for (String metadata : List.of("{\"rig\":" + text + "}", "{" + text + ":1}")) {
                batchesSent = true;
                for (HostileRequest request : List.of(
                        HostileRequest.post(actPath(reference), "{\"metadata\":" + metadata + "}"),
                        HostileRequest.post(
                                feedbackPath(reference),
                                "{\"trial\":" + openTrial + ",\"reward\":0.25,\"metadata\":" + metadata + "}"),
                        HostileRequest.post(
                                batchPath(batchReference),
                                batchBody(
                                        batchNextTrial, "[{\"rewards\":[0.0,1.0,0.5],\"metadata\":" + metadata + "}]")),
                        HostileRequest.post(
                                batchPath(batchReference),
                                batchBody(
                                        batchNextTrial,
                                        "[{\"action\":1,\"reward\":0.5,\"metadata\":" + metadata + "}]")))) {
                    if (!nul && metadata.endsWith(":1}")) {
                        assertProblem(request, ProblemType.MALFORMED_REQUEST, "surrogate");
                    } else {
                        assertValidationProblem(request, why);
                    }
                }
            }
        }
        // (a NUL at either end of a filter is trimmed away with the white space, leaving "subject:")
        for (String filter : List.of("subject:%00x", "subject:m%0017")) {
            assertValidationProblem(
                    HostileRequest.get("/sessions?label=" + filter, List.of()), "NUL character (U+0000)");
        }
        assertValidationProblem(
                HostileRequest.post("/sessions", sessionBody(ARMS, ",\"labels\":{\"sub\\u0000ject\":\"m17\"}")),
                "label name");
    }

    @Test
    void rewardsBeyondTheBoundAreRefusedInFeedbackAndBatchWithAValidationProblem() throws IOException {
        batchesSent = true;
        var random = new SplittableRandom(SEED);
        for (int i = 0; i < 10; i++) {
            String reward = HostileInputs.extremeRewards().next(random);
            for (HostileRequest request : List.of(
                    HostileRequest.post(
                            feedbackPath(reference), "{\"trial\":" + openTrial + ",\"reward\":" + reward + "}"),
                    HostileRequest.post(
                            feedbackPath(reference),
                            "{\"trial\":" + openTrial + ",\"reward\":" + reward + ",\"action\":0}"),
                    HostileRequest.post(
                            batchPath(batchReference),
                            batchBody(
                                    batchNextTrial,
                                    "[{\"rewards\":[0.0,1.0,0.5]},{\"rewards\":[0.0," + reward + ",0.5]}]")),
                    HostileRequest.post(
                            batchPath(batchReference),
                            batchBody(
                                    batchNextTrial,
                                    "[{\"action\":1,\"reward\":0.5},{\"action\":2,\"reward\":" + reward + "}]")))) {
                assertValidationProblem(request, "(neuromod.limits.max-abs-reward)");
            }
        }
    }

    /**
     * Rewards at the bound, alternating in sign, in a long batch of both kinds of step and in
     * single feedbacks: accepted, and every signal of every trial stays a number (a non-finite one
     * would be null).
     */
    @Test
    void rewardsAtTheBoundAreAcceptedAndKeepASessionFinite() throws IOException {
        double bound = limits.maxAbsReward();
        String scratch = SessionApi.createSession(http, agent, ARMS, 45);
        try {
            int steps = 1_500;
            var batch = new ArrayList<String>();
            for (int step = 0; step < steps; step++) {
                double sign = step % 2 == 0 ? 1 : -1;
                batch.add(
                        step % 3 == 2
                                ? "{\"action\":" + (step % ARMS) + ",\"reward\":" + (sign * bound) + "}"
                                : "{\"rewards\":[" + (sign * bound) + "," + (-sign * bound) + "," + (sign * bound)
                                        + "]}");
            }
            ok(http.post(batchPath(scratch), batchBody(1, "[" + String.join(",", batch) + "]")));
            int trial = steps + 1;
            for (double reward : List.of(bound, -bound, bound, -bound)) {
                ok(http.post(actPath(scratch), "{}"));
                ok(http.post(feedbackPath(scratch), "{\"trial\":" + trial++ + ",\"reward\":" + reward + "}"));
            }
            int rows = 0;
            for (int offset = 0; offset < trial - 1; offset += limits.maxPageSize()) {
                JsonNode page =
                        ok(http.get(trialsPath(scratch) + "?offset=" + offset + "&limit=" + limits.maxPageSize()));
                for (JsonNode row : page.path("items")) {
                    assertFinite(row);
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(trial - 1);
        } finally {
            SessionApi.expect(http.delete("/sessions/" + scratch), "DELETE");
        }
    }

    /** Every number of a closed trial that a non-finite value would turn into null. */
    private static void assertFinite(JsonNode row) {
        String at = "trial " + row.path("trial").asInt();
        for (String number : List.of("predictionError", "actionProbability", "logLikelihood")) {
            assertThat(row.path(number).isNumber()).as("%s of %s", number, at).isTrue();
        }
        for (String signals : List.of("signals", "signalsAfterFeedback")) {
            JsonNode values = row.path(signals);
            for (String signal :
                    List.of("learningRate", "temperature", "expectedUncertainty", "unexpectedUncertainty")) {
                assertThat(values.path(signal).isNumber())
                        .as("%s.%s of %s", signals, signal, at)
                        .isTrue();
            }
            assertThat(values.path("values")).as("%s.values of %s", signals, at).hasSize(ARMS);
            for (JsonNode value : values.path("values")) {
                assertThat(value.isNumber()).as("%s.values of %s", signals, at).isTrue();
            }
        }
    }

    private static void assertValidationProblem(HostileRequest request, String detail) throws IOException {
        assertProblem(request, ProblemType.VALIDATION, detail);
    }

    /** The request is refused with a 400 problem of this type whose detail says this. */
    private static void assertProblem(HostileRequest request, ProblemType type, String detail) throws IOException {
        var response = assertRefusedAndNothingChanged(request);
        JsonNode problem = SessionApi.json(response);
        assertThat(response.status()).as("status for %s", request).isEqualTo(400);
        assertThat(problem.path("type").asString())
                .as("problem type for %s", request)
                .isEqualTo(type.uri().toString());
        assertThat(problem.path("detail").asString())
                .as("problem detail for %s", request)
                .contains(detail);
    }

    private static Generator<HostileRequest> hostileSessionBodies() {
        var template = new LinkedHashMap<String, String>();
        template.put("agent", quote(agent));
        template.put("arms", Integer.toString(ARMS));
        template.put("seed", "5");
        template.put("labels", "{\"lab\":\"x\"}");
        var invalid = new LinkedHashMap<String, Generator<String>>();
        invalid.put(
                "agent",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.longStrings(),
                        Generator.of("null", "\"\"", "\"   \"", "\"no-such-agent\"", "1", quote(agent + " "))));
        invalid.put(
                "arms",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.hugeIntegers(),
                        HostileInputs.longStrings(),
                        Generator.of(
                                "null",
                                "0",
                                "1",
                                "-1",
                                "-2147483648",
                                Integer.toString(limits.maxArms() + 1),
                                "2.5",
                                "3.0",
                                "\"3\"")));
        invalid.put(
                "seed",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.longStrings(),
                        Generator.of("9223372036854775808", "1.5", "1e3", "\"7\"")));
        invalid.put("parameters", Generator.oneOf(Generator.of("[]", "\"x\"", "1", "true"), invalidParameters()));
        invalid.put(
                "labels",
                Generator.oneOf(
                        Generator.of(
                                "[]",
                                "\"x\"",
                                "1",
                                "true",
                                "{\"bad name\":\"x\"}",
                                "{\"\":\"x\"}",
                                "{\"k\":\"\"}",
                                "{\"k\":null}",
                                "{\"k\":{\"n\":1}}",
                                "{\"k\":[1]}"),
                        HostileInputs.longStrings().map(value -> "{\"k\":" + value + "}"),
                        HostileInputs.longStrings().map(name -> "{" + name + ":\"v\"}"),
                        HostileInputs.unstorableText().map(value -> "{\"k\":" + value + "}"),
                        HostileInputs.unstorableText().map(name -> "{" + name + ":\"v\"}"),
                        Generator.between(17, 300)
                                .map(count -> IntStream.range(0, count)
                                        .mapToObj(i -> "\"l" + i + "\":\"v\"")
                                        .collect(Collectors.joining(",", "{", "}")))));
        String valid = HostileInputs.render(template, "", null);
        return Generator.oneOf(
                        HostileInputs.mutatedFields(template, invalid, List.of("agent", "arms")),
                        HostileInputs.brokenJson(valid),
                        HostileInputs.notAnObject(),
                        Generator.of("null", "", "{}"))
                .map(body -> HostileRequest.post("/sessions", body));
    }

    private static Generator<HostileRequest> hostileActBodies() {
        var template = new LinkedHashMap<String, String>();
        template.put("stimulation", "0.0");
        template.put("metadata", "{\"rig\":\"box3\"}");
        var invalid = new LinkedHashMap<String, Generator<String>>();
        invalid.put(
                "stimulation",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.hugeIntegers(),
                        HostileInputs.longStrings(),
                        Generator.of("-1", "-1e-300", "1000000.5", "1e7", "1e308", "\"0.05\"")));
        invalid.put("metadata", HostileInputs.invalidMetadata());
        String valid = HostileInputs.render(template, "", null);
        return Generator.oneOf(
                        HostileInputs.mutatedFields(template, invalid, List.of()),
                        HostileInputs.brokenJson(valid),
                        HostileInputs.notAnObject())
                .map(body -> HostileRequest.post(actPath(reference), body));
    }

    private static Generator<HostileRequest> hostileFeedbackBodies() {
        var template = new LinkedHashMap<String, String>();
        template.put("trial", Integer.toString(openTrial));
        template.put("reward", "0.25");
        var invalid = new LinkedHashMap<String, Generator<String>>();
        // a later trial is not the open one; an earlier one is closed with another reward
        invalid.put("trial", invalidTrialNumbers(openTrial));
        invalid.put(
                "reward",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.extremeRewards(),
                        HostileInputs.longStrings(),
                        Generator.of("\"0.5\"")));
        invalid.put(
                "action",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.hugeIntegers(),
                        Generator.of(
                                "-1",
                                Integer.toString(ARMS),
                                Integer.toString(ARMS + 1),
                                "1.5",
                                "0.0",
                                "\"0\"",
                                Integer.toString(limits.maxArms()))));
        invalid.put(
                "stimulation",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.longStrings(),
                        Generator.of("-1", "0.5", "1e7", "1e308")));
        invalid.put("metadata", HostileInputs.invalidMetadata());
        String valid = HostileInputs.render(template, "", null);
        return Generator.oneOf(
                        HostileInputs.mutatedFields(template, invalid, List.of("trial", "reward")),
                        HostileInputs.brokenJson(valid),
                        HostileInputs.notAnObject(),
                        Generator.of(
                                "null",
                                "",
                                "{}",
                                "{\"trial\":" + openTrial + ",\"reward\":null,\"action\":0}",
                                "{\"trial\":" + (openTrial + 1) + ",\"reward\":1.0,\"action\":0}"))
                .map(body -> HostileRequest.post(feedbackPath(reference), body));
    }

    /**
     * Values a trial number field must refuse where {@code expected} is the one it takes: wrong
     * types and forms of numbers, numbers that are no trial, and every other trial up to 1,000
     * after it.
     */
    private static Generator<String> invalidTrialNumbers(int expected) {
        return Generator.oneOf(
                HostileInputs.wrongTypes(),
                HostileInputs.nonFiniteNumbers(),
                HostileInputs.hugeIntegers(),
                HostileInputs.longStrings(),
                Generator.of("null", "0", "-1", quote(Integer.toString(expected)), expected + ".5", expected + ".0"),
                Generator.between(expected + 1, expected + 1_000).map(String::valueOf),
                Generator.between(1, expected - 1).map(String::valueOf));
    }

    private static Generator<HostileRequest> hostileBatchBodies() {
        var template = new LinkedHashMap<String, String>();
        template.put("firstTrial", Integer.toString(batchNextTrial));
        template.put("steps", BATCH_STEPS);
        var invalid = new LinkedHashMap<String, Generator<String>>();
        // a later trial is not the next one; an earlier one holds other trials
        invalid.put("firstTrial", invalidTrialNumbers(batchNextTrial));
        invalid.put(
                "steps",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.deepNesting(),
                        Generator.of("null", "[null]", "[{}]", "[[0.0,1.0,0.5]]", "\"steps\"", "1"),
                        Generator.of(repeatedSteps(limits.maxBatchSteps() + 1))));
        String valid = HostileInputs.render(template, "", null);
        // one invalid step among valid ones, drawn as often as all other cases together
        Generator<String> withAnInvalidStep =
                stepsWithAnInvalidOne().map(steps -> HostileInputs.render(template, "steps", steps));
        return Generator.oneOf(
                        withAnInvalidStep,
                        withAnInvalidStep,
                        withAnInvalidStep,
                        HostileInputs.mutatedFields(template, invalid, List.of("firstTrial", "steps")),
                        HostileInputs.brokenJson(valid),
                        HostileInputs.notAnObject(),
                        Generator.of("null", "", "{}"))
                .map(body -> HostileRequest.post(batchPath(batchReference), body));
    }

    /** The valid steps with one step a batch may not hold put among them. */
    private static Generator<String> stepsWithAnInvalidOne() {
        String agentChooses = "{\"rewards\":[0.0,1.0,0.5]";
        String subjectChose = "{\"action\":1,\"reward\":0.5";
        var rewards = Generator.oneOf(
                Generator.of(
                        "[]",
                        "[0.0]",
                        "[0.0,1.0]",
                        "[0.0,1.0,0.5,0.25]",
                        "[" + "0.5,".repeat(1_000) + "0.5]",
                        "[0.0,null,0.5]",
                        "[0.0,\"1\",0.5]",
                        "[0.0,true,0.5]",
                        "[[0.0],1.0,0.5]",
                        "null"),
                HostileInputs.wrongTypes(),
                HostileInputs.nonFiniteNumbers().map(number -> "[0.0," + number + ",0.5]"),
                HostileInputs.extremeRewards().map(reward -> "[0.0," + reward + ",0.5]"));
        var actions = Generator.oneOf(
                HostileInputs.wrongTypes(),
                HostileInputs.nonFiniteNumbers(),
                HostileInputs.hugeIntegers(),
                Generator.of(
                        "null",
                        "-1",
                        Integer.toString(ARMS),
                        Integer.toString(ARMS + 1),
                        "1.5",
                        "0.0",
                        "\"0\"",
                        Integer.toString(limits.maxArms())));
        var rewardValues = Generator.oneOf(
                HostileInputs.wrongTypes(),
                HostileInputs.nonFiniteNumbers(),
                HostileInputs.extremeRewards(),
                HostileInputs.longStrings(),
                Generator.of("null", "\"0.5\""));
        var stimulations = Generator.oneOf(
                HostileInputs.wrongTypes(),
                HostileInputs.nonFiniteNumbers(),
                HostileInputs.longStrings(),
                Generator.of("-1", "-1e-300", "1000000.5", "1e7", "1e308", "\"0.05\""));
        Generator<String> invalidSteps = Generator.oneOf(
                rewards.map(value -> "{\"rewards\":" + value + "}"),
                Generator.of(
                        agentChooses + ",\"action\":1,\"reward\":0.5}",
                        agentChooses + ",\"action\":1}",
                        agentChooses + ",\"reward\":0.5}"),
                Generator.of(
                        "{\"action\":1}",
                        "{\"reward\":0.5}",
                        "{\"stimulation\":0.0}",
                        "{}",
                        "null",
                        "1",
                        "\"step\"",
                        "[]"),
                actions.map(value -> "{\"action\":" + value + ",\"reward\":0.5}"),
                rewardValues.map(value -> "{\"action\":1,\"reward\":" + value + "}"),
                stimulations.map(value -> agentChooses + ",\"stimulation\":" + value + "}"),
                stimulations.map(value -> subjectChose + ",\"stimulation\":" + value + "}"),
                HostileInputs.invalidMetadata().map(value -> agentChooses + ",\"metadata\":" + value + "}"),
                Generator.strings(Generator.ALPHA, 1, 30)
                        .filter(name -> !List.of("rewards", "action", "reward", "stimulation", "metadata")
                                .contains(name))
                        .map(name -> agentChooses + "," + quote(name) + ":1}"));
        return random -> {
            var steps = new ArrayList<>(List.of(agentChooses + "}", subjectChose + "}"));
            steps.add(random.nextInt(steps.size() + 1), invalidSteps.next(random));
            return "[" + String.join(",", steps) + "]";
        };
    }

    private static String repeatedSteps(int count) {
        return "[" + String.join(",", Collections.nCopies(count, "{\"action\":1,\"reward\":0.5}")) + "]";
    }

    private static String batchBody(int firstTrial, String steps) {
        return "{\"firstTrial\":" + firstTrial + ",\"steps\":" + steps + "}";
    }

    /**
     * The batch reference and its twin take the same batch: the same trials, or a hostile request
     * changed the reference's agent.
     */
    private static void advanceBatchReference() throws IOException {
        String batch = batchBody(batchNextTrial, ADVANCING_STEPS);
        JsonNode referenceTrials =
                ok(http.post(batchPath(batchReference), batch)).path("trials");
        JsonNode twinTrials = ok(http.post(batchPath(batchTwin), batch)).path("trials");
        assertThat(referenceTrials).hasSize(2);
        for (int i = 0; i < referenceTrials.size(); i++) {
            assertThat(without(without(referenceTrials.get(i), "actedAt"), "closedAt"))
                    .isEqualTo(without(without(twinTrials.get(i), "actedAt"), "closedAt"));
        }
        batchNextTrial += 2;
        batchReferenceSession = ok(http.get("/sessions/" + batchReference));
    }

    private static Generator<HostileRequest> hostileExperimentBodies() {
        var template = new LinkedHashMap<String, String>();
        template.put("environment", "\"paper-bandit\"");
        template.put("seeds", "2");
        template.put("seed", "1");
        template.put("agents", "[{\"label\":\"a\",\"agent\":" + quote(agent) + ",\"parameters\":{}}]");
        var invalid = new LinkedHashMap<String, Generator<String>>();
        invalid.put(
                "environment",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.longStrings(),
                        Generator.of("null", "\"\"", "\"no-such-environment\"", "1")));
        invalid.put(
                "seeds",
                Generator.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.hugeIntegers(),
                        Generator.of("0", "-1", "2.5", "\"2\"")));
        invalid.put("seed", Generator.oneOf(HostileInputs.wrongTypes(), HostileInputs.nonFiniteNumbers()));
        invalid.put(
                "agents",
                Generator.oneOf(
                        Generator.of(
                                "[]",
                                "{}",
                                "\"x\"",
                                "[1]",
                                "[{}]",
                                "[{\"label\":\"a\",\"agent\":\"no-such-agent\",\"parameters\":{}}]",
                                "[{\"label\":\"a\",\"agent\":" + quote(agent) + ",\"parameters\":{\"noSuch\":1}}]",
                                "[{\"label\":\"a\",\"agent\":" + quote(agent) + ",\"bogus\":1}]"),
                        HostileInputs.deepNesting()));
        String valid = HostileInputs.render(template, "", null);
        return Generator.oneOf(
                        HostileInputs.mutatedFields(template, invalid, List.of("environment", "agents")),
                        HostileInputs.brokenJson(valid),
                        HostileInputs.notAnObject())
                .map(body -> HostileRequest.post("/experiments", body));
    }

    /** Parameter maps the agent refuses: unknown names, values out of range or of the wrong type. */
    private static Generator<String> invalidParameters() {
        var invalid = new ArrayList<String>();
        invalid.add("{\"noSuchParameter\":1}");
        for (JsonNode parameter : agentParameters) {
            String name = quote(parameter.path("name").asString());
            invalid.add("{" + name + ":\"text\"}");
            invalid.add("{" + name + ":\"\\u0000\"}");
            invalid.add("{" + name + ":\"\\ud800\"}");
            invalid.add("{" + name + ":true}");
            invalid.add("{" + name + ":[1]}");
            invalid.add("{" + name + ":NaN}");
            invalid.add("{" + name + ":1e999}");
            if (parameter.path("minimum").isNumber()) {
                double minimum = parameter.path("minimum").asDouble();
                invalid.add("{" + name + ":" + (minimum - 1 - Math.abs(minimum)) + "}");
            }
            if (parameter.path("maximum").isNumber()) {
                double maximum = parameter.path("maximum").asDouble();
                invalid.add("{" + name + ":" + (maximum * 10 + 1) + "}");
            }
            if (parameter.path("integer").asBoolean()) {
                invalid.add("{" + name + ":1.5}");
            }
        }
        return Generator.of(invalid);
    }

    /** Garbage bytes, declared as JSON, to any endpoint that takes a body. */
    private static Generator<HostileRequest> garbage() {
        Generator<String> targets = Generator.of(
                "/sessions", actPath(reference), feedbackPath(reference), batchPath(batchReference), "/experiments");
        Generator<byte[]> bodies = HostileInputs.garbageBytes();
        return random -> HostileRequest.post(targets.next(random), bodies.next(random), List.of(HostileRequest.JSON));
    }

    /** Requests to every endpoint that names a session, naming one that does not exist. */
    private static Generator<HostileRequest> unknownIds() {
        Generator<String> ids = HostileInputs.unknownIds();
        Generator<String> endpoints = Generator.of("get", "delete", "act", "feedback", "batch", "trials", "csv");
        return random -> {
            String id = ids.next(random);
            return idRequest(endpoints.next(random), id);
        };
    }

    private static HostileRequest idRequest(String endpoint, String id) {
        String session = "/sessions/" + id;
        return switch (endpoint) {
            case "get" -> HostileRequest.get(session, List.of());
            case "delete" -> new HostileRequest("DELETE", session, List.of(), null, false);
            case "act" -> HostileRequest.post(session + "/act", "{}");
            case "feedback" -> HostileRequest.post(session + "/feedback", "{\"trial\":1,\"reward\":1.0}");
            case "batch" -> HostileRequest.post(session + "/batch", batchBody(1, BATCH_STEPS));
            case "trials" -> HostileRequest.get(session + "/trials", List.of());
            default -> HostileRequest.get(session + "/trials?limit=5", List.of("Accept: text/csv"));
        };
    }

    private static Generator<HostileRequest> wrongMethods() {
        String feedback = "{\"trial\":" + openTrial + ",\"reward\":" + CLOSING_REWARD + "}";
        var requests = new ArrayList<HostileRequest>();
        Map<String, List<String>> refused = new LinkedHashMap<>();
        refused.put("/sessions", List.of("PUT", "PATCH", "DELETE", "TRACE", "FOO", "PROPFIND"));
        refused.put("/sessions/" + reference, List.of("POST", "PUT", "PATCH", "TRACE", "FOO"));
        refused.put(actPath(reference), List.of("GET", "PUT", "PATCH", "DELETE", "TRACE", "FOO", "MKCOL"));
        refused.put(feedbackPath(reference), List.of("GET", "PUT", "PATCH", "DELETE", "TRACE", "FOO"));
        refused.put(batchPath(batchReference), List.of("GET", "PUT", "PATCH", "DELETE", "TRACE", "FOO"));
        refused.put(trialsPath(reference), List.of("POST", "PUT", "PATCH", "DELETE", "TRACE", "FOO"));
        refused.put("/agents", List.of("POST", "PUT", "PATCH", "DELETE", "TRACE", "FOO"));
        refused.put("/experiments", List.of("GET", "PUT", "PATCH", "DELETE", "TRACE", "FOO"));
        refused.forEach((target, methods) -> {
            for (String method : methods) {
                byte[] body = method.equals("GET") || method.equals("DELETE") || method.equals("TRACE")
                        ? null
                        : feedback.getBytes(StandardCharsets.UTF_8);
                requests.add(new HostileRequest(method, target, List.of(HostileRequest.JSON), body, false));
            }
        });
        return Generator.of(requests);
    }

    private static Generator<HostileRequest> wrongContentTypes() {
        // in order, so that a seed draws the same cases in every run
        var bodies = new LinkedHashMap<String, String>();
        bodies.put("/sessions", sessionBody(ARMS, ""));
        bodies.put(actPath(reference), "{}");
        bodies.put(feedbackPath(reference), "{\"trial\":" + openTrial + ",\"reward\":" + CLOSING_REWARD + "}");
        bodies.put(batchPath(batchReference), batchBody(batchNextTrial, BATCH_STEPS));
        Generator<List<String>> contentTypes = Generator.of(
                List.<String>of(),
                List.of("Content-Type: text/plain"),
                List.of("Content-Type: application/xml"),
                List.of("Content-Type: application/x-www-form-urlencoded"),
                List.of("Content-Type: multipart/form-data; boundary=x"),
                List.of("Content-Type: application/octet-stream"),
                List.of("Content-Type: application/merge-patch+json"),
                List.of("Content-Type: text/csv"),
                List.of("Content-Type: "),
                List.of("Content-Type: */*"),
                List.of("Content-Type: application/*"),
                List.of("Content-Type: ;;;"),
                List.of("Content-Type: application/json; charset=no-such-charset"));
        Generator<String> targets = Generator.of(List.copyOf(bodies.keySet()));
        return random -> {
            String target = targets.next(random);
            return HostileRequest.post(
                    target, bodies.get(target).getBytes(StandardCharsets.UTF_8), contentTypes.next(random));
        };
    }

    private static Generator<HostileRequest> unacceptable() {
        String feedback = "{\"trial\":" + openTrial + ",\"reward\":" + CLOSING_REWARD + "}";
        var accepts = Generator.of(
                "application/xml", "text/html", "image/png", ";;;/", "*/xml", "application/x-yaml", "text/csv");
        var targets = Generator.of(
                "/sessions",
                "/sessions/" + reference,
                trialsPath(reference),
                "/agents",
                "/no-such-endpoint",
                "act",
                "feedback",
                "batch",
                "create");
        return random -> {
            String target = targets.next(random);
            // the trials endpoint answers CSV
            String accept = accepts.filter(type -> !(target.endsWith("/trials") && type.equals("text/csv")))
                    .next(random);
            List<String> headers = List.of("Accept: " + accept, HostileRequest.JSON);
            return switch (target) {
                case "act" -> HostileRequest.post(actPath(reference), "{}".getBytes(StandardCharsets.UTF_8), headers);
                case "feedback" ->
                    HostileRequest.post(feedbackPath(reference), feedback.getBytes(StandardCharsets.UTF_8), headers);
                case "create" ->
                    HostileRequest.post("/sessions", sessionBody(ARMS, "").getBytes(StandardCharsets.UTF_8), headers);
                case "batch" ->
                    HostileRequest.post(
                            batchPath(batchReference),
                            batchBody(batchNextTrial, BATCH_STEPS).getBytes(StandardCharsets.UTF_8),
                            headers);
                default -> HostileRequest.get(target, List.of("Accept: " + accept));
            };
        };
    }

    private static Generator<HostileRequest> hostileQueries() {
        // offsets are longs: 2147483648 is a valid (empty) page for them, not for an int limit
        var badNumbers = Generator.oneOf(
                Generator.of("-1", "abc", "1.5", "1e3", "NaN", "Infinity", "0x10", "%00", "-2147483649"),
                Generator.of("9223372036854775808", "99999999999999999999999999999999"),
                Generator.strings(Generator.ALPHA, 1, 200).map(HostileInputs::encode),
                Generator.anyStrings(1, 200).map(text -> "x" + HostileInputs.encode(text)));
        var badLimits = Generator.oneOf(
                badNumbers, Generator.of("0", "2147483648", Integer.toString(limits.maxPageSize() + 1)));
        var badLabels = Generator.oneOf(
                Generator.of("nocolon", ":value", "name:", "bad%20name:x", "%3A", "n".repeat(65) + ":x"),
                Generator.of("k:%00", "subject:m%0017", "k:%00%00"),
                Generator.strings(Generator.ALPHA, 1, 6_000).map(name -> name + "%20x:y"));
        String trials = trialsPath(reference);
        return Generator.oneOf(
                badLimits.map(value -> HostileRequest.get("/sessions?limit=" + value, List.of())),
                badNumbers.map(value -> HostileRequest.get("/sessions?offset=" + value, List.of())),
                badLabels.map(value -> HostileRequest.get("/sessions?label=" + value, List.of())),
                badLimits.map(value -> HostileRequest.get(trials + "?limit=" + value, List.of())),
                badNumbers.map(value -> HostileRequest.get(trials + "?offset=" + value, List.of())),
                badNumbers.map(value -> HostileRequest.get(trials + "?limit=" + value, List.of("Accept: text/csv"))),
                badNumbers.map(value -> HostileRequest.get(trials + "?offset=" + value, List.of("Accept: text/csv"))));
    }

    private static Generator<HostileRequest> oversized() {
        String feedback = "{\"trial\":" + openTrial + ",\"reward\":" + CLOSING_REWARD + "}";
        String batch = batchBody(batchNextTrial, BATCH_STEPS);
        var targets = Generator.of("/sessions", actPath(reference), feedbackPath(reference), batchPath(batchReference));
        var sizes = Generator.between(limits.maxBodyBytes() + 1, 4 * limits.maxBodyBytes());
        // a batch's own limit is larger; bodies just over it, since all of one is sent
        var batchSizes =
                Generator.between(limits.maxBatchBodyBytes() + 1, limits.maxBatchBodyBytes() + limits.maxBodyBytes());
        var framings = Generator.of(false, true);
        return random -> {
            String target = targets.next(random);
            boolean isBatch = target.endsWith("/batch");
            int size = (isBatch ? batchSizes : sizes).next(random);
            boolean chunked = framings.next(random);
            String valid = target.equals("/sessions")
                    ? sessionBody(ARMS, "")
                    : target.endsWith("/act") ? "{}" : isBatch ? batch : feedback;
            byte[] body = padded(valid, size).getBytes(StandardCharsets.UTF_8);
            return new HostileRequest("POST", target, List.of(HostileRequest.JSON), body, chunked);
        };
    }

    /** Sends the request; it must be refused with a 4xx problem, and the reference must be as it was. */
    private static HttpConnection.Response assertRefusedAndNothingChanged(HostileRequest request) throws IOException {
        HttpConnection.Response response = send(request);
        String sent =
                "%s (seed %d), answered %d %s".formatted(request, SEED, response.status(), abbreviate(response.body()));
        assertThat(response.status()).as("status for %s", sent).isBetween(400, 499);
        assertThat(response.contentType()).as("content type for %s", sent).startsWith("application/problem+json");
        JsonNode problem;
        try {
            problem = SessionApi.JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new AssertionError("problem body for " + sent, e);
        }
        assertThat(problem.path("status").asInt())
                .as("problem status for %s", sent)
                .isEqualTo(response.status());
        assertThat(problem.path("type").asString())
                .as("problem type for %s", sent)
                .startsWith(ProblemType.BASE);
        assertThat(problem.path("title").asString())
                .as("problem title for %s", sent)
                .isNotBlank();
        assertReferenceUnchanged(sent);
        return response;
    }

    private static HttpConnection.Response send(HostileRequest request) throws IOException {
        HttpConnection.Response response;
        try {
            response =
                    http.send(request.method(), request.target(), request.headers(), request.body(), request.chunked());
        } catch (IOException e) {
            throw new AssertionError("no answer to " + request, e);
        }
        requests++;
        if (response.status() >= 500) {
            serverErrors++;
        }
        return response;
    }

    private static void assertReferenceUnchanged(String after) throws IOException {
        assertThat(ok(http.get("/sessions/" + reference)))
                .as("reference session after %s", after)
                .isEqualTo(referenceSession);
        assertThat(ok(http.post(actPath(reference), "{}")))
                .as("reference's open trial after %s", after)
                .isEqualTo(referenceOpenTrial);
        assertThat(ok(http.get("/sessions/" + batchReference)))
                .as("batch reference session after %s", after)
                .isEqualTo(batchReferenceSession);
        assertThat(ok(http.get("/sessions?limit=1")).path("total").asLong())
                .as("session count after %s", after)
                .isEqualTo(sessionCount);
    }

    private static void rememberReference() throws IOException {
        referenceSession = ok(http.get("/sessions/" + reference));
        referenceOpenTrial = ok(http.post(actPath(reference), "{}"));
        assertThat(referenceSession.path("openTrial").asInt()).isEqualTo(openTrial);
        sessionCount = ok(http.get("/sessions?limit=1")).path("total").asLong();
    }

    private static JsonNode ok(HttpConnection.Response response) {
        if (!response.successful()) {
            fail("expected a success, got " + response.status() + " " + response.body());
        }
        requests++;
        return SessionApi.json(response);
    }

    private static String problemType(HttpConnection.Response response) {
        return SessionApi.json(response).path("type").asString();
    }

    private static JsonNode without(JsonNode node, String field) {
        var copy = ((tools.jackson.databind.node.ObjectNode) node).deepCopy();
        copy.remove(field);
        return copy;
    }

    private static String sessionBody(int arms, String extraFields) {
        return "{\"agent\":" + quote(agent) + ",\"arms\":" + arms + ",\"seed\":5" + extraFields + "}";
    }

    /** A JSON body grown with trailing spaces (insignificant whitespace) to exactly {@code size} bytes. */
    private static String padded(String json, int size) {
        return json + " ".repeat(size - json.getBytes(StandardCharsets.UTF_8).length);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static String actPath(String session) {
        return "/sessions/" + session + "/act";
    }

    private static String feedbackPath(String session) {
        return "/sessions/" + session + "/feedback";
    }

    private static String batchPath(String session) {
        return "/sessions/" + session + "/batch";
    }

    private static String trialsPath(String session) {
        return "/sessions/" + session + "/trials";
    }
}
