package org.neuromod.session.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.neuromod.session.web.HostileInputs.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.neuromod.Limits;
import org.neuromod.NeuromodAgentsApplication;
import org.neuromod.harness.HttpConnection;
import org.neuromod.harness.SessionApi;
import org.neuromod.web.ProblemType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input against the whole service over real HTTP (one application on a random port, H2 in
 * a temporary directory): for every endpoint, generated malformed and extreme requests (wrong
 * types, missing and unknown fields, non-finite numbers, huge and deeply nested bodies, long
 * strings, garbage bytes, bad ids, wrong methods, content types and Accept headers, hostile query
 * parameters, bodies over the limit). Each must be answered with a 4xx {@code
 * application/problem+json} and leave a reference session exactly as it was: same trial count,
 * open trial and log-likelihood, and after every property the same next decision as a twin
 * session that never saw a hostile request. Every resource limit is checked at its boundary.
 *
 * <p>The application is started once for the class (jqwik runs outside Spring's test context), with
 * a small {@code neuromod.limits.max-sessions} so that the session limit can be reached quickly.
 * Shrinking is off: a failing request is reported exactly as it was sent, and shrinking would send
 * many more hostile requests at the shared reference session after the first failure.
 */
class HostileInputTest {

    private static final int MAX_SESSIONS = 16;
    private static final int ARMS = 3;
    private static final String CLOSING_REWARD = "0.5";

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
    private static long sessionCount;
    private static long requests;
    private static long serverErrors;

    @BeforeContainer
    static void startService() throws IOException {
        dataDirectory = Files.createTempDirectory("neuromod-hostile-");
        // command-line arguments, so that they override application.yml
        context = new SpringApplicationBuilder(NeuromodAgentsApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--neuromod.data-dir=" + dataDirectory,
                        "--neuromod.limits.max-sessions=" + MAX_SESSIONS,
                        "--spring.main.banner-mode=off");
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
        openTrial = 2;
        rememberReference();
    }

    @AfterContainer
    static void stopService() throws IOException {
        System.out.printf("hostile input: %d requests, %d answered with a 5xx%n", requests, serverErrors);
        if (http != null) {
            http.close();
        }
        if (context != null) {
            context.close();
        }
        try (var paths = Files.walk(dataDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * After each property the reference session and its twin close their open trial with the same
     * feedback and act again: the same feedback answer and the same next decision, or a hostile
     * request changed the reference's agent.
     */
    @AfterProperty
    void referenceStillDecidesLikeItsTwin() throws IOException {
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

    @Property(tries = 150, shrinking = ShrinkingMode.OFF)
    void createSessionRefusesHostileBodies(@ForAll("hostileSessionBodies") HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    @Property(tries = 150, shrinking = ShrinkingMode.OFF)
    void actRefusesHostileBodies(@ForAll("hostileActBodies") HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    @Property(tries = 150, shrinking = ShrinkingMode.OFF)
    void feedbackRefusesHostileBodies(@ForAll("hostileFeedbackBodies") HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void experimentsRefuseHostileBodies(@ForAll("hostileExperimentBodies") HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    @Property(tries = 100, shrinking = ShrinkingMode.OFF)
    void garbageBytesAreRefusedByEveryBodyEndpoint(
            @ForAll("bodyEndpoints") String target, @ForAll("garbage") byte[] body) throws IOException {
        assertRefusedAndNothingChanged(HostileRequest.post(target, body, List.of(HostileRequest.JSON)));
    }

    @Property(tries = 100, shrinking = ShrinkingMode.OFF)
    void unknownIdsNameNoSession(@ForAll("unknownIds") String id, @ForAll("idEndpoints") String endpoint)
            throws IOException {
        assertRefusedAndNothingChanged(idRequest(endpoint, id));
    }

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void wrongMethodsAreRefused(@ForAll("wrongMethods") HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void validBodiesOfAnotherContentTypeAreRefused(@ForAll("wrongContentTypes") HostileRequest request)
            throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void unacceptableAcceptHeadersAreRefused(@ForAll("unacceptable") HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    @Property(tries = 80, shrinking = ShrinkingMode.OFF)
    void hostileQueryParametersAreRefused(@ForAll("hostileQueries") HostileRequest request) throws IOException {
        assertRefusedAndNothingChanged(request);
    }

    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    void bodiesOverTheLimitAreRefusedUnread(@ForAll("oversized") HostileRequest request) throws IOException {
        HttpConnection.Response response = assertRefusedAndNothingChanged(request);
        assertThat(response.status()).isEqualTo(413);
        assertThat(problemType(response))
                .isEqualTo(ProblemType.PAYLOAD_TOO_LARGE.uri().toString());
    }

    @Example
    void armsAreLimited() throws IOException {
        String atLimit = ok(http.post("/sessions", sessionBody(limits.maxArms(), "")))
                .path("id")
                .asString();
        SessionApi.expect(http.delete("/sessions/" + atLimit), "DELETE");

        var response =
                assertRefusedAndNothingChanged(HostileRequest.post("/sessions", sessionBody(limits.maxArms() + 1, "")));
        assertThat(problemType(response)).isEqualTo(ProblemType.VALIDATION.uri().toString());
    }

    @Example
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

    @Example
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

    @Example
    void bodySizeIsLimited() throws IOException {
        for (boolean chunked : List.of(false, true)) {
            String atLimit = padded(sessionBody(ARMS, ""), limits.maxBodyBytes());
            var accepted = send(new HostileRequest(
                    "POST",
                    "/sessions",
                    List.of(HostileRequest.JSON),
                    atLimit.getBytes(StandardCharsets.UTF_8),
                    chunked));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
            SessionApi.expect(
                    http.delete(
                            "/sessions/" + SessionApi.json(accepted).path("id").asString()),
                    "DELETE");

            String overLimit = padded(sessionBody(ARMS, ""), limits.maxBodyBytes() + 1);
            var refused = assertRefusedAndNothingChanged(new HostileRequest(
                    "POST",
                    "/sessions",
                    List.of(HostileRequest.JSON),
                    overLimit.getBytes(StandardCharsets.UTF_8),
                    chunked));
            assertThat(refused.status()).isEqualTo(413);
        }
    }

    @Example
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

    @Example
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

    @Provide
    Arbitrary<HostileRequest> hostileSessionBodies() {
        var template = new LinkedHashMap<String, String>();
        template.put("agent", quote(agent));
        template.put("arms", Integer.toString(ARMS));
        template.put("seed", "5");
        template.put("labels", "{\"lab\":\"x\"}");
        var invalid = new LinkedHashMap<String, Arbitrary<String>>();
        invalid.put(
                "agent",
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.longStrings(),
                        Arbitraries.of("null", "\"\"", "\"   \"", "\"no-such-agent\"", "1", quote(agent + " "))));
        invalid.put(
                "arms",
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.hugeIntegers(),
                        HostileInputs.longStrings(),
                        Arbitraries.of(
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
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.longStrings(),
                        Arbitraries.of("9223372036854775808", "1.5", "1e3", "\"7\"")));
        invalid.put("parameters", Arbitraries.oneOf(Arbitraries.of("[]", "\"x\"", "1", "true"), invalidParameters()));
        invalid.put(
                "labels",
                Arbitraries.oneOf(
                        Arbitraries.of(
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
                        Arbitraries.integers()
                                .between(17, 300)
                                .map(count -> IntStream.range(0, count)
                                        .mapToObj(i -> "\"l" + i + "\":\"v\"")
                                        .collect(Collectors.joining(",", "{", "}")))));
        String valid = HostileInputs.render(template, "", null);
        return Arbitraries.oneOf(
                        HostileInputs.mutatedFields(template, invalid, List.of("agent", "arms")),
                        HostileInputs.brokenJson(valid),
                        HostileInputs.notAnObject(),
                        Arbitraries.of("null", "", "{}"))
                .map(body -> HostileRequest.post("/sessions", body));
    }

    @Provide
    Arbitrary<HostileRequest> hostileActBodies() {
        var template = new LinkedHashMap<String, String>();
        template.put("stimulation", "0.0");
        template.put("metadata", "{\"rig\":\"box3\"}");
        var invalid = new LinkedHashMap<String, Arbitrary<String>>();
        invalid.put(
                "stimulation",
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.hugeIntegers(),
                        HostileInputs.longStrings(),
                        Arbitraries.of("-1", "-1e-300", "1000000.5", "1e7", "\"0.05\"")));
        invalid.put("metadata", HostileInputs.invalidMetadata());
        String valid = HostileInputs.render(template, "", null);
        return Arbitraries.oneOf(
                        HostileInputs.mutatedFields(template, invalid, List.of()),
                        HostileInputs.brokenJson(valid),
                        HostileInputs.notAnObject())
                .map(body -> HostileRequest.post(actPath(reference), body));
    }

    @Provide
    Arbitrary<HostileRequest> hostileFeedbackBodies() {
        var template = new LinkedHashMap<String, String>();
        template.put("trial", Integer.toString(openTrial));
        template.put("reward", "0.25");
        var invalid = new LinkedHashMap<String, Arbitrary<String>>();
        invalid.put(
                "trial",
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.hugeIntegers(),
                        HostileInputs.longStrings(),
                        Arbitraries.of(
                                "null",
                                "0",
                                "-1",
                                quote(Integer.toString(openTrial)),
                                openTrial + ".5",
                                openTrial + ".0"),
                        // a later trial is not the open one; an earlier one is closed with another reward
                        Arbitraries.integers()
                                .between(openTrial + 1, openTrial + 1_000)
                                .map(String::valueOf),
                        Arbitraries.integers().between(1, openTrial - 1).map(String::valueOf)));
        invalid.put(
                "reward",
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.longStrings(),
                        Arbitraries.of("\"0.5\"")));
        invalid.put(
                "action",
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.hugeIntegers(),
                        Arbitraries.of(
                                "-1",
                                Integer.toString(ARMS),
                                Integer.toString(ARMS + 1),
                                "1.5",
                                "0.0",
                                "\"0\"",
                                Integer.toString(limits.maxArms()))));
        invalid.put(
                "stimulation",
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.longStrings(),
                        Arbitraries.of("-1", "0.5", "1e7")));
        invalid.put("metadata", HostileInputs.invalidMetadata());
        String valid = HostileInputs.render(template, "", null);
        return Arbitraries.oneOf(
                        HostileInputs.mutatedFields(template, invalid, List.of("trial", "reward")),
                        HostileInputs.brokenJson(valid),
                        HostileInputs.notAnObject(),
                        Arbitraries.of(
                                "null",
                                "",
                                "{}",
                                "{\"trial\":" + openTrial + ",\"reward\":null,\"action\":0}",
                                "{\"trial\":" + (openTrial + 1) + ",\"reward\":1.0,\"action\":0}"))
                .map(body -> HostileRequest.post(feedbackPath(reference), body));
    }

    @Provide
    Arbitrary<HostileRequest> hostileExperimentBodies() {
        var template = new LinkedHashMap<String, String>();
        template.put("environment", "\"paper-bandit\"");
        template.put("seeds", "2");
        template.put("seed", "1");
        template.put("agents", "[{\"label\":\"a\",\"agent\":" + quote(agent) + ",\"parameters\":{}}]");
        var invalid = new LinkedHashMap<String, Arbitrary<String>>();
        invalid.put(
                "environment",
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.longStrings(),
                        Arbitraries.of("null", "\"\"", "\"no-such-environment\"", "1")));
        invalid.put(
                "seeds",
                Arbitraries.oneOf(
                        HostileInputs.wrongTypes(),
                        HostileInputs.nonFiniteNumbers(),
                        HostileInputs.hugeIntegers(),
                        Arbitraries.of("0", "-1", "2.5", "\"2\"")));
        invalid.put("seed", Arbitraries.oneOf(HostileInputs.wrongTypes(), HostileInputs.nonFiniteNumbers()));
        invalid.put(
                "agents",
                Arbitraries.oneOf(
                        Arbitraries.of(
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
        return Arbitraries.oneOf(
                        HostileInputs.mutatedFields(template, invalid, List.of("environment", "agents")),
                        HostileInputs.brokenJson(valid),
                        HostileInputs.notAnObject())
                .map(body -> HostileRequest.post("/experiments", body));
    }

    /** Parameter maps the agent refuses: unknown names, values out of range or of the wrong type. */
    private Arbitrary<String> invalidParameters() {
        var invalid = new ArrayList<String>();
        invalid.add("{\"noSuchParameter\":1}");
        for (JsonNode parameter : agentParameters) {
            String name = quote(parameter.path("name").asString());
            invalid.add("{" + name + ":\"text\"}");
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
        return Arbitraries.of(invalid);
    }

    @Provide
    Arbitrary<String> bodyEndpoints() {
        return Arbitraries.of("/sessions", actPath(reference), feedbackPath(reference), "/experiments");
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return HostileInputs.garbageBytes();
    }

    @Provide
    Arbitrary<String> unknownIds() {
        return HostileInputs.unknownIds();
    }

    @Provide
    Arbitrary<String> idEndpoints() {
        return Arbitraries.of("get", "delete", "act", "feedback", "trials", "csv");
    }

    private static HostileRequest idRequest(String endpoint, String id) {
        String session = "/sessions/" + id;
        return switch (endpoint) {
            case "get" -> HostileRequest.get(session, List.of());
            case "delete" -> new HostileRequest("DELETE", session, List.of(), null, false);
            case "act" -> HostileRequest.post(session + "/act", "{}");
            case "feedback" -> HostileRequest.post(session + "/feedback", "{\"trial\":1,\"reward\":1.0}");
            case "trials" -> HostileRequest.get(session + "/trials", List.of());
            default -> HostileRequest.get(session + "/trials?limit=5", List.of("Accept: text/csv"));
        };
    }

    @Provide
    Arbitrary<HostileRequest> wrongMethods() {
        String feedback = "{\"trial\":" + openTrial + ",\"reward\":" + CLOSING_REWARD + "}";
        var requests = new ArrayList<HostileRequest>();
        Map<String, List<String>> refused = new LinkedHashMap<>();
        refused.put("/sessions", List.of("PUT", "PATCH", "DELETE", "TRACE", "FOO", "PROPFIND"));
        refused.put("/sessions/" + reference, List.of("POST", "PUT", "PATCH", "TRACE", "FOO"));
        refused.put(actPath(reference), List.of("GET", "PUT", "PATCH", "DELETE", "TRACE", "FOO", "MKCOL"));
        refused.put(feedbackPath(reference), List.of("GET", "PUT", "PATCH", "DELETE", "TRACE", "FOO"));
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
        return Arbitraries.of(requests);
    }

    @Provide
    Arbitrary<HostileRequest> wrongContentTypes() {
        var bodies = Map.of(
                "/sessions",
                sessionBody(ARMS, ""),
                actPath(reference),
                "{}",
                feedbackPath(reference),
                "{\"trial\":" + openTrial + ",\"reward\":" + CLOSING_REWARD + "}");
        Arbitrary<List<String>> contentTypes = Arbitraries.of(
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
        return Combinators.combine(Arbitraries.of(List.copyOf(bodies.keySet())), contentTypes)
                .as((target, headers) ->
                        HostileRequest.post(target, bodies.get(target).getBytes(StandardCharsets.UTF_8), headers));
    }

    @Provide
    Arbitrary<HostileRequest> unacceptable() {
        String feedback = "{\"trial\":" + openTrial + ",\"reward\":" + CLOSING_REWARD + "}";
        var accepts = Arbitraries.of(
                "application/xml", "text/html", "image/png", ";;;/", "*/xml", "application/x-yaml", "text/csv");
        var targets = Arbitraries.of(
                "/sessions",
                "/sessions/" + reference,
                trialsPath(reference),
                "/agents",
                "/no-such-endpoint",
                "act",
                "feedback",
                "create");
        return Combinators.combine(targets, accepts)
                .filter((target, accept) -> !(target.endsWith("/trials") && accept.equals("text/csv")))
                .as((target, accept) -> {
                    List<String> headers = List.of("Accept: " + accept, HostileRequest.JSON);
                    return switch (target) {
                        case "act" ->
                            HostileRequest.post(actPath(reference), "{}".getBytes(StandardCharsets.UTF_8), headers);
                        case "feedback" ->
                            HostileRequest.post(
                                    feedbackPath(reference), feedback.getBytes(StandardCharsets.UTF_8), headers);
                        case "create" ->
                            HostileRequest.post(
                                    "/sessions", sessionBody(ARMS, "").getBytes(StandardCharsets.UTF_8), headers);
                        default -> HostileRequest.get(target, List.of("Accept: " + accept));
                    };
                });
    }

    @Provide
    Arbitrary<HostileRequest> hostileQueries() {
        // offsets are longs: 2147483648 is a valid (empty) page for them, not for an int limit
        var badNumbers = Arbitraries.oneOf(
                Arbitraries.of("-1", "abc", "1.5", "1e3", "NaN", "Infinity", "0x10", "%00", "-2147483649"),
                Arbitraries.of("9223372036854775808", "99999999999999999999999999999999"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(200).map(HostileInputs::encode),
                Arbitraries.strings()
                        .all()
                        .ofMinLength(1)
                        .ofMaxLength(200)
                        .map(text -> "x" + HostileInputs.encode(text)));
        var badLimits = Arbitraries.oneOf(
                badNumbers, Arbitraries.of("0", "2147483648", Integer.toString(limits.maxPageSize() + 1)));
        var badLabels = Arbitraries.oneOf(
                Arbitraries.of("nocolon", ":value", "name:", "bad%20name:x", "%3A", "n".repeat(65) + ":x"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6_000).map(name -> name + "%20x:y"));
        String trials = trialsPath(reference);
        return Arbitraries.oneOf(
                badLimits.map(value -> HostileRequest.get("/sessions?limit=" + value, List.of())),
                badNumbers.map(value -> HostileRequest.get("/sessions?offset=" + value, List.of())),
                badLabels.map(value -> HostileRequest.get("/sessions?label=" + value, List.of())),
                badLimits.map(value -> HostileRequest.get(trials + "?limit=" + value, List.of())),
                badNumbers.map(value -> HostileRequest.get(trials + "?offset=" + value, List.of())),
                badNumbers.map(value -> HostileRequest.get(trials + "?limit=" + value, List.of("Accept: text/csv"))),
                badNumbers.map(value -> HostileRequest.get(trials + "?offset=" + value, List.of("Accept: text/csv"))));
    }

    @Provide
    Arbitrary<HostileRequest> oversized() {
        String feedback = "{\"trial\":" + openTrial + ",\"reward\":" + CLOSING_REWARD + "}";
        var bodies = Arbitraries.of("/sessions", actPath(reference), feedbackPath(reference));
        return Combinators.combine(
                        bodies,
                        Arbitraries.integers().between(limits.maxBodyBytes() + 1, 4 * limits.maxBodyBytes()),
                        Arbitraries.of(false, true))
                .as((target, size, chunked) -> {
                    String valid = target.equals("/sessions")
                            ? sessionBody(ARMS, "")
                            : target.endsWith("/act") ? "{}" : feedback;
                    byte[] body = padded(valid, size).getBytes(StandardCharsets.UTF_8);
                    return new HostileRequest("POST", target, List.of(HostileRequest.JSON), body, chunked);
                });
    }

    /** Sends the request; it must be refused with a 4xx problem, and the reference must be as it was. */
    private static HttpConnection.Response assertRefusedAndNothingChanged(HostileRequest request) throws IOException {
        HttpConnection.Response response = send(request);
        assertThat(response.status())
                .as("status for %s, answered %s", request, abbreviate(response.body()))
                .isBetween(400, 499);
        assertThat(response.contentType())
                .as("content type for %s, answered %s", request, abbreviate(response.body()))
                .startsWith("application/problem+json");
        JsonNode problem = SessionApi.JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(response.status());
        assertThat(problem.path("type").asString()).startsWith(ProblemType.BASE);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertReferenceUnchanged();
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

    private static void assertReferenceUnchanged() throws IOException {
        assertThat(ok(http.get("/sessions/" + reference))).isEqualTo(referenceSession);
        assertThat(ok(http.post(actPath(reference), "{}"))).isEqualTo(referenceOpenTrial);
        assertThat(ok(http.get("/sessions?limit=1")).path("total").asLong()).isEqualTo(sessionCount);
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

    private static String trialsPath(String session) {
        return "/sessions/" + session + "/trials";
    }
}
