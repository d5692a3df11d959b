package org.neuromod.session.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neuromod.Limits;
import org.neuromod.session.Batch;
import org.neuromod.session.BatchConflict;
import org.neuromod.session.BatchStep;
import org.neuromod.session.Feedback;
import org.neuromod.session.Metadata;
import org.neuromod.session.NewSession;
import org.neuromod.session.SessionBusy;
import org.neuromod.session.SessionLimitReached;
import org.neuromod.session.SessionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The HTTP edge of sessions alone: requests reach the service as meant, and its refusals become problems. */
@WebMvcTest(controllers = {SessionController.class, TrialController.class})
class TrialControllerTest {

    private static final UUID ID = UUID.fromString("3f2b6c1e-8a4d-4e0b-9c7a-1d2e3f4a5b6c");

    @TestConfiguration
    @EnableConfigurationProperties(Limits.class)
    static class Configuration {}

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    SessionService sessions;

    @Test
    void actPassesStimulationAndMetadataToTheService() {
        given(sessions.act(any(), anyDouble(), any())).willThrow(new SessionBusy(ID, 8));

        mvc.post()
                .uri("/sessions/{id}/act", ID)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"stimulation\": 0.5, \"metadata\": {\"trialId\": \"x\"}}")
                .exchange();

        verify(sessions).act(eq(ID), eq(0.5), eq(Metadata.of(Map.of("trialId", "x"))));
    }

    @Test
    void aSessionOtherInstancesKeepChangingIsAConcurrentUpdate() {
        given(sessions.feedback(eq(ID), any(Feedback.class))).willThrow(new SessionBusy(ID, 8));

        MvcTestResult result = mvc.post()
                .uri("/sessions/{id}/feedback", ID)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"trial\": 1, \"reward\": 1.0}")
                .exchange();

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("/problems/concurrent-update");
        assertThat(result).bodyJson().extractingPath("$.sessionId").isEqualTo(ID.toString());
    }

    @Test
    void aBatchReachesTheServiceStepByStep() {
        given(sessions.batch(eq(ID), any(Batch.class))).willThrow(new SessionBusy(ID, 8));

        mvc.post()
                .uri("/sessions/{id}/batch", ID)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"firstTrial": 4, "steps": [
                          {"rewards": [0.0, 1.0, 0.5]},
                          {"rewards": [1.0, 0.0, 0.0], "stimulation": 0.05, "metadata": {"block": 2}},
                          {"action": 2, "reward": 1.0},
                          {"action": 0, "reward": -0.5, "stimulation": 0.25, "metadata": {"port": "left"}}]}""")
                .exchange();

        verify(sessions)
                .batch(
                        ID,
                        new Batch(
                                4,
                                List.of(
                                        new BatchStep.AgentChoice(new double[] {0, 1, 0.5}, 0, Metadata.EMPTY),
                                        new BatchStep.AgentChoice(
                                                new double[] {1, 0, 0}, 0.05, Metadata.of(Map.of("block", 2))),
                                        new BatchStep.SubjectChoice(2, 1.0, 0, Metadata.EMPTY),
                                        new BatchStep.SubjectChoice(
                                                0, -0.5, 0.25, Metadata.of(Map.of("port", "left"))))));
    }

    @Test
    void everyInvalidStepOfABatchIsListedByItsIndexAndNothingIsApplied() {
        MvcTestResult result = mvc.post()
                .uri("/sessions/{id}/batch", ID)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"firstTrial": 0, "steps": [
                          {"rewards": [0.0, 1.0], "action": 1, "reward": 1.0},
                          {"rewards": [0.0, 1.0]},
                          {},
                          {"action": 1},
                          {"action": -1, "reward": 1.0, "stimulation": -2},
                          null,
                          {"rewards": [1.0, 0.0], "metadata": {"nested": {"a": 1}}}]}""")
                .exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("/problems/validation");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors")
                .asArray()
                .containsExactly(
                        "firstTrial must be 1 or more, was 0",
                        "steps[0]: give either rewards (the agent chooses) or action and reward (the subject chose),"
                                + " not both",
                        "steps[2]: needs rewards (one per arm: the agent chooses) or action and reward (the subject"
                                + " chose)",
                        "steps[3]: a trial the subject chose needs both action and reward",
                        "steps[4]: action must be an arm index, 0 or more, was -1",
                        "steps[4]: stimulation must be within [0, 1000000], was -2.0",
                        "steps[5]: must be an object",
                        "steps[6]: metadata 'nested' must be a string of at most 256 characters, a finite number or a"
                                + " boolean (metadata is a flat object)");
        verify(sessions, never()).batch(any(), any());
    }

    @Test
    void aBatchConflictIsAProblemNamingTheSessionsNextTrial() {
        given(sessions.batch(eq(ID), any(Batch.class)))
                .willThrow(new BatchConflict(ID, 3, 8, 7, null, "trial 7 is open, awaiting feedback"));

        MvcTestResult result = mvc.post()
                .uri("/sessions/{id}/batch", ID)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"firstTrial\": 3, \"steps\": [{\"action\": 0, \"reward\": 1}]}")
                .exchange();

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("/problems/batch-conflict");
        assertThat(result).bodyJson().extractingPath("$.expectedTrial").isEqualTo(8);
        assertThat(result).bodyJson().extractingPath("$.openTrial").isEqualTo(7);
        assertThat(result).bodyJson().extractingPath("$.firstTrial").isEqualTo(3);
        assertThat(result).bodyJson().extractingPath("$.sessionId").isEqualTo(ID.toString());
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("next trial is 8");
    }

    @Test
    void aFullStoreIsALimitExceeded() {
        given(sessions.create(any(NewSession.class))).willThrow(new SessionLimitReached(10));

        MvcTestResult result = mvc.post()
                .uri("/sessions")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"agent\": \"boltzmann\", \"arms\": 2}")
                .exchange();

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("/problems/limit-exceeded");
        assertThat(result).bodyJson().extractingPath("$.maximum").isEqualTo(10);
    }

    @Test
    void anUnforeseenFailureIsAServerErrorThatRevealsNoInternals() throws Exception {
        given(sessions.get(ID)).willThrow(new IllegalStateException("connection pool exhausted at db-7"));

        MvcTestResult result = mvc.get().uri("/sessions/{id}", ID).exchange();

        assertThat(result).hasStatus(500).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("/problems/server-error");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("db-7");
    }
}
