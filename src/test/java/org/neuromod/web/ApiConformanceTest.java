package org.neuromod.web;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The API as a client generated from {@code /v3/api-docs} meets it: the Accept headers such a
 * client sends, the problem types' pages, and an experiment run; every response is checked against
 * the served document by {@link Api}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiConformanceTest {

    /** What openapi-generator's Python client sends for an operation whose first JSON type is the problem's. */
    private static final String PROBLEM_ONLY = "application/problem+json";

    private static final String PROBLEM_FIRST = "application/problem+json, application/json";

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

    @Test
    void theSessionsListAnswersJsonToAClientThatAsksForProblemsFirstOrOnly() {
        session();
        for (String accept : new String[] {PROBLEM_ONLY, PROBLEM_FIRST, "application/json", "*/*"}) {
            Reply list = api.get("/sessions", accept);

            assertThat(list.status()).as(accept).isEqualTo(200);
            assertThat(list.contentType()).as(accept).startsWith("application/json");
            assertThat(list.json().path("total").asLong()).as(accept).isPositive();
        }
    }

    @Test
    void theTrialsPageAnswersJsonToProblemAcceptHeadersAndCsvOnRequest() {
        String id = session();
        api.postAccepting("/sessions/" + id + "/act", PROBLEM_ONLY, "{}");
        for (String accept : new String[] {PROBLEM_ONLY, PROBLEM_FIRST}) {
            Reply page = api.get("/sessions/" + id + "/trials", accept);

            assertThat(page.status()).as(accept).isEqualTo(200);
            assertThat(page.contentType()).as(accept).startsWith("application/json");
            assertThat(page.json().path("items")).as(accept).hasSize(1);
        }

        Reply csv = api.get("/sessions/" + id + "/trials", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("trial,");
    }

    @Test
    void everyOperationAcceptsAProblemOnlyAcceptHeader() {
        Reply created = api.postAccepting("/sessions", PROBLEM_ONLY, "{\"agent\": \"boltzmann\", \"arms\": 2}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        String id = created.json().path("id").asString();

        assertThat(api.get("/agents", PROBLEM_ONLY).status()).isEqualTo(200);
        assertThat(api.get("/sessions/" + id, PROBLEM_ONLY).status()).isEqualTo(200);
        JsonNode act = api.postAccepting("/sessions/" + id + "/act", PROBLEM_ONLY, "{}")
                .json();
        Reply feedback =
                api.postAccepting("/sessions/" + id + "/feedback", PROBLEM_ONLY, "{\"trial\": 1, \"reward\": 1.0}");
        assertThat(feedback.status()).isEqualTo(200);
        assertThat(act.path("trial").asLong()).isEqualTo(1);
        assertThat(api.method("DELETE", "/sessions/" + id, PROBLEM_ONLY).status())
                .isEqualTo(204);
    }

    @Test
    void anAcceptHeaderWithNeitherJsonNorProblemsIsStillNotAcceptable() {
        Reply refused = api.get("/sessions", "image/png");

        assertThat(refused.status()).isEqualTo(406);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asString()).isEqualTo("/problems/not-acceptable");
    }

    @Test
    void everyProblemTypeHasItsPageAtTheReferenceItsTypeNames() {
        Reply index = api.get("/problems", "text/html");
        assertThat(index.status()).isEqualTo(200);

        for (ProblemType type : ProblemType.values()) {
            assertThat(type.uri()).hasToString("/problems/" + type.slug());
            assertThat(index.body()).contains("href=\"" + type.uri() + "\"");

            Reply page = api.get(type.uri().toString(), "text/html");

            assertThat(page.status()).as(type.slug()).isEqualTo(200);
            assertThat(page.contentType()).as(type.slug()).startsWith("text/html");
            assertThat(page.body())
                    .as(type.slug())
                    .contains("<h1>" + type.title() + "</h1>")
                    .contains(String.valueOf(type.status().value()))
                    .contains("When it happens")
                    .contains("What to do");
        }
    }

    @Test
    void theTypeOfAnErrorLeadsToItsPageAndAnUnknownTypeIsNotFound() {
        Reply missing = api.get("/sessions/00000000-0000-0000-0000-000000000000");
        String type = missing.json().path("type").asString();
        assertThat(type).isEqualTo("/problems/session-not-found");
        assertThat(api.get(type).body()).contains("Session not found");

        Reply unknown = api.get("/problems/no-such-type");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().path("type").asString()).isEqualTo("/problems/not-found");
    }

    @Test
    void anExperimentRunsEndToEnd() {
        Reply report = api.post("/experiments", """
                {"environment": "paper-bandit", "environmentParameters": {"blocks": 2, "blockLength": 50},
                 "seeds": 3, "seed": 5,
                 "agents": [{"label": "b", "agent": "boltzmann", "parameters": {}},
                            {"label": "nm", "agent": "neuromodulated", "parameters": {}}]}""");

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().path("results")).hasSize(2);
        assertThat(api.post("/experiments", "{\"environment\": \"nope\", \"seeds\": 1, \"agents\": []}")
                        .json()
                        .path("type")
                        .asString())
                .isEqualTo("/problems/validation");
    }

    private String session() {
        return api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 2}")
                .json()
                .path("id")
                .asString();
    }
}
