package org.neuromod.experiment.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neuromod.Api;
import org.neuromod.Api.Reply;
import org.neuromod.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A submission while too many jobs wait is refused with 503 and Retry-After, not queued. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"neuromod.jobs.max-queued=0", "neuromod.jobs.retry-after=42s"})
class ExperimentQueueLimitTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshH2().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void aFullQueueIsAServiceUnavailableProblemWithRetryAfter() {
        Reply reply = new Api(port).post("/experiments", """
                        {"environment": "reversal", "seeds": 1, "seed": 1, "agents": [{"agent": "boltzmann"}]}""", "Prefer", "respond-async");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.problemType()).isEqualTo("job-queue-full");
        assertThat(reply.header("Retry-After")).isEqualTo("42");
        assertThat(reply.json().path("maximum").asInt()).isZero();
    }
}
