package org.neuromod.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The parts of the load harness's batch mode that run without a service. */
class LoadHarnessTest {

    private final CannedHttpServer server = new CannedHttpServer();

    LoadHarnessTest() throws IOException {}

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aSeededBernoulliTableIsTheSameEveryRun() {
        String table = new LoadHarness.BernoulliRewards(3, new SplittableRandom(9)).steps(50);

        assertThat(new LoadHarness.BernoulliRewards(3, new SplittableRandom(9)).steps(50))
                .isEqualTo(table);
        assertThat(new LoadHarness.BernoulliRewards(3, new SplittableRandom(10)).steps(50))
                .isNotEqualTo(table);
    }

    @Test
    void aBernoulliTablePaysEveryArmZeroOrOneAtTheArmsRate() {
        var rewards = new LoadHarness.BernoulliRewards(3, new SplittableRandom(9));
        JsonNode steps = SessionApi.JSON.readTree(rewards.steps(20_000));

        assertThat(steps).hasSize(20_000);
        assertThat(steps.get(0).propertyNames()).containsExactly("rewards");
        for (int arm = 0; arm < 3; arm++) {
            double paid = 0;
            for (JsonNode step : steps) {
                assertThat(step.path("rewards")).hasSize(3);
                double reward = step.path("rewards").get(arm).asDouble();
                assertThat(reward).isIn(0.0, 1.0);
                paid += reward;
            }
            assertThat(paid / steps.size()).isCloseTo(rewards.probability(arm), offset(0.02));
        }
    }

    @Test
    void batchesFollowEachOtherAndAFailedOneReadsTheNextTrialBackFromTheSession() throws Exception {
        server.serve(List.of(
                ok("{\"firstTrial\":1,\"trials\":[],\"logLikelihood\":0,\"trialCount\":4}"),
                "HTTP/1.1 503 \r\nContent-Type: application/problem+json\r\nContent-Length: 2\r\n\r\n{}",
                ok("{\"id\":\"s1\",\"trials\":6}"),
                ok("{\"firstTrial\":7,\"trials\":[],\"logLikelihood\":0,\"trialCount\":10}")));
        try (var connection = new HttpConnection("127.0.0.1", server.port(), 5_000)) {
            var batches = new LoadHarness.BatchConnection(
                    connection, "s1", new LoadHarness.BernoulliRewards(2, new SplittableRandom(1)), 4);

            assertThat(batches.batch()).isEqualTo(4);
            assertThat(batches.nextTrial()).isEqualTo(5);
            assertThat(batches.batch()).as("a failed batch").isEqualTo(-1);
            assertThat(batches.nextTrial()).as("read back from the session").isEqualTo(7);
            assertThat(batches.batch()).isEqualTo(4);
            assertThat(batches.nextTrial()).isEqualTo(11);
        }

        var requests = server.requests().stream()
                .map(request -> request.line() + " " + request.body())
                .toList();
        assertThat(requests).hasSize(4);
        assertThat(requests.get(0)).startsWith("POST /sessions/s1/batch ");
        JsonNode first = SessionApi.JSON.readTree(
                requests.get(0).substring(requests.get(0).indexOf('{')));
        assertThat(first.path("firstTrial").asInt()).isEqualTo(1);
        assertThat(first.path("steps")).hasSize(4);
        assertThat(requests.get(1)).contains("\"firstTrial\":5,");
        assertThat(requests.get(2)).startsWith("GET /sessions/s1 ");
        assertThat(requests.get(3)).contains("\"firstTrial\":7,");
    }

    @Test
    void aBatchCountsItsTrialsAndOneLatencyAndAFailedBatchCountsAnError() {
        var outcome = new LoadHarness.Outcome();

        outcome.countRequest(100, 2_000_000, 10);
        outcome.countRequest(100, 4_000_000, 20);
        outcome.countRequest(-1, 9_000_000, 30);

        assertThat(outcome.trials).isEqualTo(200);
        assertThat(outcome.errors).isEqualTo(1);
        assertThat(outcome.latency.getTotalCount()).isEqualTo(2);
        assertThat(outcome.latency.getMaxValue()).isBetween(3_990L, 4_010L);
        assertThat(outcome.lastFinish).isEqualTo(30);
    }

    @Test
    void batchRowsShareTheTableOfTheOtherModes() {
        var latency = new Histogram(60_000_000L, 3);
        latency.recordValue(12_500);
        var row = new LoadHarness.Result("batch", 8, 0, 40_000, 0, 0, 4_000, latency);

        String[] cells = row.toString().trim().split("\\s+");

        assertThat(cells).hasSize(11);
        assertThat(List.of(cells).subList(0, 7)).containsExactly("batch", "8", "-", "40000", "0", "0", "4000");
        for (String millis : List.of(cells).subList(7, 11)) {
            assertThat(Double.parseDouble(millis)).isCloseTo(12.5, offset(0.05));
        }
    }

    @Test
    void theBatchModeAndItsStepsAreOptions() {
        var defaults = LoadHarness.optionDefaults();
        var options = HarnessOptions.parse(new String[] {"--mode=batch --batch-steps=250"}, defaults);

        assertThat(defaults).containsEntry("batch-steps", "100");
        assertThat(options.words("mode")).containsExactly("batch");
        assertThat(options.integer("batch-steps")).isEqualTo(250);
    }

    private static String ok(String json) {
        return "HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }
}
