package org.neuromod.live;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Event streams and plot data ({@code neuromod.live.*}).
 *
 * @param maxStreams event streams this instance serves at once; one more is refused with 503
 * @param retryAfter what a refused client is told to wait before it tries again
 * @param heartbeat how long a stream may be idle before a comment line is sent on it
 * @param poll how often a session with viewers is read for changes made by other instances
 * @param coalesce how long a change on this instance waits before it is read, so that changes that
 *     come together (a rig's act and feedback, a burst of commands) cost one read and one write per
 *     viewer, after the rig's requests rather than during them
 * @param readSize trials read from the database at a time, for a feed or a viewer catching up
 * @param queuedReads reads waiting for a slow viewer before its stream is ended (the client
 *     resumes from its last event)
 * @param maxPlotPoints the most points per series the plot data may hold
 * @param plotCacheBytes memory for the plot summaries of recently plotted or running sessions
 *     (each at most about 0.8 MB for two arms), so their plots need not read all their trials
 */
@Validated
@ConfigurationProperties("neuromod.live")
public record LiveSettings(
        @DefaultValue("256") @Min(0) int maxStreams,
        @DefaultValue("5s") @DurationMin(seconds = 1) Duration retryAfter,
        @DefaultValue("15s") @DurationMin(millis = 10) Duration heartbeat,
        @DefaultValue("1s") @DurationMin(millis = 10) Duration poll,
        @DefaultValue("50ms") Duration coalesce,
        @DefaultValue("500") @Min(2) @Max(100000) int readSize,
        @DefaultValue("1000") @Min(1) int queuedReads,
        @DefaultValue("20000") @Min(10) int maxPlotPoints,
        @DefaultValue("67108864") @Min(0) long plotCacheBytes) {}
