package org.neuromod.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job engine ({@code neuromod.jobs.*}).
 *
 * @param threads jobs one instance runs at once; 0 means one fewer than the processors (at least
 *     1), so trial traffic keeps a core
 * @param maxQueued the most jobs that may wait in the database; a submission beyond it is refused
 * @param retryAfter what a refused client is told to wait
 * @param retention how long finished jobs (and their results) are kept
 * @param cleanupInterval how often finished jobs past their retention are removed
 * @param pollingInterval how often an instance looks for due jobs (a submission to the same
 *     instance starts at once)
 * @param heartbeatInterval how often an instance marks the jobs it runs as alive
 * @param missedHeartbeats heartbeats missed before another instance takes a job over (db-scheduler
 *     needs at least 4)
 * @param watchInterval how often progress is stored and cancellation by other instances is noticed
 */
@Validated
@ConfigurationProperties("neuromod.jobs")
public record JobSettings(
        @DefaultValue("0") @Min(0) @Max(1024) int threads,
        @DefaultValue("20") @Min(0) int maxQueued,
        @DefaultValue("30s") @NotNull Duration retryAfter,
        @DefaultValue("7d") @NotNull Duration retention,
        @DefaultValue("10m") @NotNull Duration cleanupInterval,
        @DefaultValue("1s") @NotNull Duration pollingInterval,
        @DefaultValue("2s") @NotNull Duration heartbeatInterval,
        @DefaultValue("5") @Min(4) int missedHeartbeats,
        @DefaultValue("250ms") @NotNull Duration watchInterval) {

    /** The number of job threads, {@link #threads} resolved. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }
}
