package org.neuromod.session;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@link SessionCache} ({@code neuromod.session-cache.*}).
 *
 * @param maxBytes the memory the sessions held between commands may take, estimated from their
 *     agent state; 0 reads every session from the database for every command
 */
@Validated
@ConfigurationProperties("neuromod.session-cache")
public record SessionCacheSettings(
        @DefaultValue("33554432") @Min(0) long maxBytes) {}
