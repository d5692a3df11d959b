package org.neuromod.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The description of the API served at {@code /v3/api-docs} and shown at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI neuromodApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("neuromod-agents")
                        .version("1")
                        .license(new License().name("Apache-2.0"))
                        .description("""
                                Stateful reinforcement-learning agents for non-stationary multi-armed bandit tasks, \
                                including the neuromodulated agent of Lee, Liebana Garcia, Clopath & Dabney \
                                (2024, arXiv 2408.08446).

                                A session holds one agent. Call `POST /sessions/{id}/act` for an action and \
                                `POST /sessions/{id}/feedback` with its reward; simulations send many trials at \
                                once with `POST /sessions/{id}/batch`. The trial number is the key of \
                                exactly-once delivery: a retried act returns the open trial, a repeated feedback \
                                or batch returns the stored answer, a different payload for a closed trial is a \
                                409. \
                                Arms and actions are 0-based; JSON numbers must be finite; unknown fields are \
                                refused. Request bodies may hold at most neuromod.limits.max-body-bytes \
                                (default 65536), batch bodies neuromod.limits.max-batch-body-bytes (default \
                                4194304). Every error is an RFC 9457 problem (`application/problem+json`) whose \
                                `type` is one of `https://neuromod.org/problems/{validation, malformed-request, \
                                session-not-found, fit-not-found, fit-not-finished, not-found, experiment-not-found, method-not-allowed, not-acceptable, trial-conflict, \
                                unexpected-trial, batch-conflict, concurrent-update, limit-exceeded, over-budget, \
                                payload-too-large, unsupported-media-type, request-rejected, service-unavailable, \
                                job-queue-full, job-failed, server-error}`."""));
    }
}
