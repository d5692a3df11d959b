package org.neuromod;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The resource limits the service enforces on its clients ({@code neuromod.limits.*}).
 *
 * @param maxArms the most arms a session may have (at most {@value AgentSetup#MAX_ARMS})
 * @param maxBodyBytes the largest request body accepted, in bytes, by every endpoint but the
 *     batch one; larger bodies get 413
 * @param maxSessions the most sessions stored at once; creating one more is refused until one is
 *     deleted
 * @param maxPageSize the largest {@code limit} of one page of sessions or trials
 * @param maxBatchSteps the most steps (trials) in one batch
 * @param maxBatchCells the most steps × arms in one batch (the cells of its outcome table): every
 *     trial of a batch is held in memory with a probability and two values per arm until it is
 *     stored and answered, so a session with many arms takes fewer steps per batch
 * @param maxBatchBodyBytes the largest body of a batch request, in bytes; larger bodies get 413
 * @param maxAbsReward the largest reward magnitude a feedback or batch may carry; larger ones get
 *     400. At most {@link Agent#MAX_ABS_REWARD} ({@value #LARGEST_MAX_ABS_REWARD}), the bound up to
 *     which every agent is shown to stay finite
 */
@Validated
@ConfigurationProperties("neuromod.limits")
public record Limits(
        @DefaultValue("1000") @Min(2) @Max(AgentSetup.MAX_ARMS)
        int maxArms,

        @DefaultValue("65536") @Min(1024) @Max(16 * 1024 * 1024)
        int maxBodyBytes,

        @DefaultValue("100000") @Min(1) int maxSessions,
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxPageSize,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxBatchSteps,
        @DefaultValue("100000") @Min(2) @Max(100_000_000) int maxBatchCells,

        @DefaultValue("4194304") @Min(1024) @Max(256 * 1024 * 1024)
        int maxBatchBodyBytes,

        @DefaultValue("1e6") @Positive @DecimalMax(LARGEST_MAX_ABS_REWARD)
        double maxAbsReward) {

    /** {@link Agent#MAX_ABS_REWARD} as the text a constraint annotation needs (LimitsTest checks they agree). */
    static final String LARGEST_MAX_ABS_REWARD = "1e9";
}
