package org.neuromod.fit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.neuromod.core.fit.Fitter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What one fit may ask for ({@code neuromod.fits.*}); a larger request is refused with a 400
 * problem naming the setting.
 *
 * @param maxSubjects subjects per fit
 * @param maxTrials trials per subject
 * @param maxTotalTrials trials over all subjects, times the number of models
 * @param maxStarts optimiser starts per subject
 * @param maxModels models compared in one fit
 * @param maxIterations EM iterations of a hierarchical fit
 */
@Validated
@ConfigurationProperties("neuromod.fits")
public record FitLimits(
        @DefaultValue("200") @Min(1) int maxSubjects,
        @DefaultValue("100000") @Min(1) int maxTrials,
        @DefaultValue("2000000") @Min(1) int maxTotalTrials,
        @DefaultValue("50") @Min(1) @Max(Fitter.MAX_STARTS) int maxStarts,
        @DefaultValue("8") @Min(1) int maxModels,
        @DefaultValue("100") @Min(1) int maxIterations) {}
