package org.neuromod.session;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a client sees of a session: its setup and its progress, without the agent's state.
 *
 * @param parameters every parameter of the agent, defaults filled in
 * @param trials the number of trials so far, open or closed
 * @param openTrial the trial awaiting feedback, or null
 * @param logLikelihood the running sum of ln(action probability) over closed trials
 */
public record SessionSummary(
        UUID id,
        String agent,
        int arms,
        Map<String, Object> parameters,
        long seed,
        Labels labels,
        Instant createdAt,
        int trials,
        Integer openTrial,
        double logLikelihood) {}
