package org.neuromod;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.neuromod.core.agent.AgentSetup;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The resource limits the service enforces on its clients ({@code neuromod.limits.*}).
 *
 * @param maxArms the most arms a session may have (at most {@value AgentSetup#MAX_ARMS})
 * @param maxBodyBytes the largest request body accepted, in bytes; larger bodies get 413
 * @param maxSessions the most sessions stored at once; creating one more is refused until one is
 *     deleted
 * @param maxPageSize the largest {@code limit} of one page of sessions or trials
 */
@Validated
@ConfigurationProperties("neuromod.limits")
public record Limits(
        @DefaultValue("1000") @Min(2) @Max(AgentSetup.MAX_ARMS)
        int maxArms,

        @DefaultValue("65536") @Min(1024) @Max(16 * 1024 * 1024)
        int maxBodyBytes,

        @DefaultValue("100000") @Min(1) int maxSessions,
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxPageSize) {}
