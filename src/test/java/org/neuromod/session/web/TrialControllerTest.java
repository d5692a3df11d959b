package org.neuromod.session.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neuromod.Limits;
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
        assertThat(result)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("https://neuromod.org/problems/concurrent-update");
        assertThat(result).bodyJson().extractingPath("$.sessionId").isEqualTo(ID.toString());
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
        assertThat(result)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("https://neuromod.org/problems/limit-exceeded");
        assertThat(result).bodyJson().extractingPath("$.maximum").isEqualTo(10);
    }

    @Test
    void anUnforeseenFailureIsAServerErrorThatRevealsNoInternals() throws Exception {
        given(sessions.get(ID)).willThrow(new IllegalStateException("connection pool exhausted at db-7"));

        MvcTestResult result = mvc.get().uri("/sessions/{id}", ID).exchange();

        assertThat(result).hasStatus(500).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://neuromod.org/problems/server-error");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("db-7");
    }
}
