package org.neuromod.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * The event stream end to end, over real HTTP on services started as users start them: a client
 * that drops its connection, or whose service restarts, resumes with {@code Last-Event-ID} and
 * receives every trial exactly once in its final state; a client of one instance sees the trials
 * another instance sharing the database runs; problems come before any stream opens. Subclasses
 * choose the database.
 */
abstract class EventStreamTest {

    /** Generous: the machine running the tests may be slow and busy. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Spring properties naming the database the services share. */
    abstract Map<String, String> database();

    @Test
    void aClientThatDropsItsConnectionResumesWithNothingMissedOrRepeated() throws Exception {
        try (var service = start(database(), Map.of())) {
            Api api = api(service);
            String session = create(api);
            var received = new ArrayList<SseClient.Event>();
            try (var stream = SseClient.open(port(service), session, null)) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
                for (int trial = 1; trial <= 5; trial++) {
                    step(api, session, trial);
                }
                act(api, session);
                received.addAll(stream.until("6:open", WAIT));
            }
            // trial 6 closes and more run while the client is away, some of them in a batch
            feedback(api, session, 6);
            for (int trial = 7; trial <= 9; trial++) {
                step(api, session, trial);
            }
            batch(api, session, 10, 4);
            try (var resumed =
                    SseClient.open(port(service), session, received.getLast().id())) {
                received.addAll(resumed.until("13:closed", WAIT));
                step(api, session, 14);
                received.addAll(resumed.until("14:closed", WAIT));
            }
            assertEveryTrialOnceInOrder(received, 14);
            assertThat(SseClient.ids(received)).contains("6:open", "6:closed", "10:closed");
            assertThat(SseClient.ids(received)).doesNotContain("10:open");
            assertThat(received.getFirst().json().path("trial").asInt()).isEqualTo(1);
            JsonNode logged = api.get("/sessions/" + session + "/trials?offset=13&limit=1")
                    .json()
                    .path("items")
                    .get(0);
            assertThat(received.getLast().json()).isEqualTo(logged);
        }
    }

    @Test
    void aClientResumesAfterTheServiceRestartsOnTheSameDatabase() throws Exception {
        Map<String, String> database = database();
        String session;
        var received = new ArrayList<SseClient.Event>();
        try (var first = start(database, Map.of())) {
            Api api = api(first);
            session = create(api);
            SseClient stream = SseClient.open(port(first), session, null);
            for (int trial = 1; trial <= 4; trial++) {
                step(api, session, trial);
            }
            act(api, session);
            received.addAll(stream.until("5:open", WAIT));
            first.close();
            assertThat(stream.endsWithin(WAIT))
                    .as("the stream ends when the service stops")
                    .isTrue();
        }
        try (var second = start(database, Map.of())) {
            Api api = api(second);
            feedback(api, session, 5);
            step(api, session, 6);
            try (var resumed =
                    SseClient.open(port(second), session, received.getLast().id())) {
                received.addAll(resumed.until("6:closed", WAIT));
            }
        }
        assertEveryTrialOnceInOrder(received, 6);
    }

    @Test
    void aClientOfOneInstanceFollowsTrialsRunOnAnotherAndResumesOnEither() throws Exception {
        Map<String, String> database = database();
        Map<String, String> quickPoll = Map.of("neuromod.live.poll", "200ms");
        try (var one = start(database, quickPoll);
                var other = start(database, quickPoll)) {
            Api running = api(one);
            String session = create(running);
            var received = new ArrayList<SseClient.Event>();
            try (var stream = SseClient.open(port(other), session, null)) {
                for (int trial = 1; trial <= 6; trial++) {
                    step(running, session, trial);
                }
                received.addAll(stream.until("6:closed", WAIT));
            }
            batch(api(other), session, 7, 3);
            step(running, session, 10);
            try (var resumed =
                    SseClient.open(port(one), session, received.getLast().id())) {
                received.addAll(resumed.until("10:closed", WAIT));
            }
            assertEveryTrialOnceInOrder(received, 10);
        }
    }

    @Test
    void problemsComeBeforeAnyStreamOpensAndStreamsStayAliveAndEnd() throws Exception {
        Map<String, String> settings = Map.of("neuromod.live.max-streams", "2", "neuromod.live.heartbeat", "300ms");
        try (var service = start(database(), settings)) {
            Api api = api(service);
            String session = create(api);

            Api.Reply unknown = api.get("/sessions/00000000-0000-4000-8000-000000000000/events", "text/event-stream");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.contentType()).startsWith("application/problem+json");
            assertThat(unknown.problemType()).isEqualTo("session-not-found");

            for (String malformed : List.of("17", "17:done", "0:open", "-1:closed", "x:open", "99999999999:open")) {
                try (var refused = SseClient.open(port(service), session, malformed)) {
                    assertThat(refused.status()).as(malformed).isEqualTo(400);
                    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                }
            }

            try (var first = SseClient.open(port(service), session, null);
                    var second = SseClient.open(port(service), session, null)) {
                assertThat(first.nextComment(WAIT)).isEqualTo("trial events");
                assertThat(first.nextComment(WAIT)).as("a heartbeat").isEqualTo("heartbeat");
                Api.Reply full = api.get("/sessions/" + session + "/events", "text/event-stream");
                assertThat(full.status()).isEqualTo(503);
                assertThat(full.problemType()).isEqualTo("service-unavailable");
                assertThat(full.header("Retry-After")).isEqualTo("5");

                assertThat(api.delete("/sessions/" + session).status()).isEqualTo(204);
                assertThat(first.endsWithin(WAIT))
                        .as("a stream ends when its session is deleted")
                        .isTrue();
                assertThat(second.endsWithin(WAIT)).isTrue();
            }
        }
    }

    /** Each trial 1..trials once in its final (closed) state, in order; open events only before their close. */
    private static void assertEveryTrialOnceInOrder(List<SseClient.Event> events, int trials) {
        List<String> ids = SseClient.ids(events);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(events.stream().filter(SseClient.Event::closed).map(SseClient.Event::trial))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, trials)
                        .boxed()
                        .toList());
        for (int i = 1; i < events.size(); i++) {
            SseClient.Event before = events.get(i - 1);
            SseClient.Event after = events.get(i);
            assertThat(after.trial() > before.trial() || (after.trial() == before.trial() && after.closed()))
                    .as("%s after %s", after.id(), before.id())
                    .isTrue();
        }
        events.forEach(event -> {
            assertThat(event.name()).isEqualTo("trial");
            assertThat(event.json().path("trial").asInt()).isEqualTo(event.trial());
            assertThat(event.json().path("open").asBoolean()).isEqualTo(!event.closed());
        });
    }

    private static ConfigurableApplicationContext start(Map<String, String> database, Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(database);
        properties.putAll(settings);
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(NeuromodAgentsApplication.class).run(arguments);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(port(context));
    }

    private static String create(Api api) {
        Api.Reply created = api.post("/sessions", "{\"agent\": \"neuromodulated\", \"arms\": 3, \"seed\": 11}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static void step(Api api, String session, int trial) {
        assertThat(act(api, session)).isEqualTo(trial);
        feedback(api, session, trial);
    }

    private static int act(Api api, String session) {
        Api.Reply reply = api.postEmpty("/sessions/" + session + "/act");
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().path("trial").asInt();
    }

    private static void feedback(Api api, String session, int trial) {
        Api.Reply reply = api.post(
                "/sessions/" + session + "/feedback",
                "{\"trial\": " + trial + ", \"reward\": " + (trial % 3 == 0 ? 0.0 : 1.0) + "}");
        assertThat(reply.status()).isEqualTo(200);
    }

    private static void batch(Api api, String session, int firstTrial, int steps) {
        var body = new StringBuilder("{\"firstTrial\": " + firstTrial + ", \"steps\": [");
        for (int i = 0; i < steps; i++) {
            body.append(i == 0 ? "" : ",").append("{\"rewards\": [1.0, 0.0, 0.5]}");
        }
        Api.Reply reply =
                api.post("/sessions/" + session + "/batch", body.append("]}").toString());
        assertThat(reply.status()).isEqualTo(200);
    }
}
