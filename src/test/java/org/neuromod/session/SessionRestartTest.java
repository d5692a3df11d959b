package org.neuromod.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuromod.Api;
import org.neuromod.NeuromodAgentsApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A service restarted on the same database continues every session exactly: the session that
 * lived through a restart (with a trial open across it) makes the same decisions as a twin with
 * the same seed that ran without one. Two services sharing the database serve one session in turns
 * exactly as one service would, whatever each of them last saw of it. Subclasses choose the
 * database.
 */
abstract class SessionRestartTest {

    private static final int TRIALS = 12;
    private static final int BEFORE_RESTART = 6;

    /** Spring properties naming the database both runs share. */
    abstract Map<String, String> database();

    @Test
    void aSessionContinuesAfterARestartExactlyAsAnUninterruptedTwin() {
        Map<String, String> database = database();
        String restarted;
        JsonNode openBeforeRestart;
        List<JsonNode> decisions = new ArrayList<>();
        try (var first = start(database)) {
            Api api = api(first);
            restarted = create(api);
            for (int trial = 1; trial < BEFORE_RESTART; trial++) {
                decisions.add(step(api, restarted));
            }
            openBeforeRestart = act(api, restarted);
        }

        try (var second = start(database)) {
            Api api = api(second);
            JsonNode openAfterRestart = act(api, restarted);
            assertThat(openAfterRestart).isEqualTo(openBeforeRestart);
            feedback(api, restarted, openAfterRestart);
            decisions.add(openAfterRestart);
            for (int trial = BEFORE_RESTART + 1; trial <= TRIALS; trial++) {
                decisions.add(step(api, restarted));
            }

            String twin = create(api);
            List<JsonNode> twinDecisions = new ArrayList<>();
            for (int trial = 1; trial <= TRIALS; trial++) {
                twinDecisions.add(step(api, twin));
            }

            assertThat(decisions).hasSize(TRIALS);
            for (int i = 0; i < TRIALS; i++) {
                JsonNode decision = decisions.get(i);
                JsonNode twinDecision = twinDecisions.get(i);
                assertThat(decision.path("trial")).isEqualTo(twinDecision.path("trial"));
                assertThat(decision.path("action")).isEqualTo(twinDecision.path("action"));
                assertThat(decision.path("probabilities")).isEqualTo(twinDecision.path("probabilities"));
                assertThat(decision.path("signals")).isEqualTo(twinDecision.path("signals"));
            }
            JsonNode session = api.get("/sessions/" + restarted).json();
            JsonNode twinSession = api.get("/sessions/" + twin).json();
            assertThat(session.path("trials").asInt()).isEqualTo(TRIALS);
            assertThat(session.path("logLikelihood")).isEqualTo(twinSession.path("logLikelihood"));
        }
    }

    @Test
    void twoServicesSharingTheDatabaseServeASessionInTurnsExactlyAsOneWould() {
        Map<String, String> database = database();
        try (var first = start(database);
                var second = start(database)) {
            Api one = api(first);
            Api other = api(second);
            String shared = create(one);
            List<JsonNode> decisions = new ArrayList<>();
            for (int trial = 1; trial <= TRIALS; trial++) {
                // acts and feedbacks move between the services in an irregular pattern, so that
                // each often works on a session the other changed since it last saw it
                Api acting = trial % 2 == 1 ? one : other;
                Api learning = trial % 3 == 0 ? acting : (acting == one ? other : one);
                JsonNode decision = act(acting, shared);
                if (trial % 4 == 0) {
                    assertThat(act(learning, shared))
                            .as("the open trial, from either service")
                            .isEqualTo(decision);
                }
                feedback(learning, shared, decision);
                decisions.add(decision);
            }

            String twin = create(one);
            for (int trial = 1; trial <= TRIALS; trial++) {
                JsonNode decision = decisions.get(trial - 1);
                JsonNode twinDecision = step(one, twin);
                assertThat(decision.path("trial")).isEqualTo(twinDecision.path("trial"));
                assertThat(decision.path("action")).isEqualTo(twinDecision.path("action"));
                assertThat(decision.path("probabilities")).isEqualTo(twinDecision.path("probabilities"));
            }
            JsonNode session = other.get("/sessions/" + shared).json();
            assertThat(session.path("trials").asInt()).isEqualTo(TRIALS);
            assertThat(session.path("logLikelihood"))
                    .isEqualTo(one.get("/sessions/" + twin).json().path("logLikelihood"));
        }
    }

    /** Starts the service as its users do, the database given on the command line. */
    private static ConfigurableApplicationContext start(Map<String, String> database) {
        Map<String, String> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(NeuromodAgentsApplication.class).run(arguments);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static String create(Api api) {
        Api.Reply created = api.post("/sessions", "{\"agent\": \"boltzmann\", \"arms\": 3, \"seed\": 2024}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static JsonNode step(Api api, String id) {
        JsonNode decision = act(api, id);
        feedback(api, id, decision);
        return decision;
    }

    private static JsonNode act(Api api, String id) {
        Api.Reply reply = api.postEmpty("/sessions/" + id + "/act");
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    /** A reward that depends only on the trial and the action, so twins see the same world. */
    private static void feedback(Api api, String id, JsonNode decision) {
        int trial = decision.path("trial").asInt();
        int action = decision.path("action").asInt();
        double reward = action == (trial / 4) % 3 ? 1.0 : 0.0;
        Api.Reply reply =
                api.post("/sessions/" + id + "/feedback", "{\"trial\": " + trial + ", \"reward\": " + reward + "}");
        assertThat(reply.status()).isEqualTo(200);
    }
}
