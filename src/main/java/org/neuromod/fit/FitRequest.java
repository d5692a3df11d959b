package org.neuromod.fit;

import java.util.List;
import java.util.Map;

/**
 * A fit as it is stored and run: everything resolved (sessions read into trials, seeds chosen), so
 * the job depends on it alone and a re-run gives the same result.
 *
 * @param models one model, or several to compare
 * @param method {@code mle} or {@code map}; ignored by a hierarchical fit, whose prior is the group's
 * @param hierarchical whether to fit by empirical-Bayes EM over the subjects
 * @param maxIterations the EM's iteration limit
 */
public record FitRequest(
        List<ModelSpec> models,
        String method,
        int starts,
        long seed,
        boolean hierarchical,
        int maxIterations,
        List<SubjectData> subjects) {

    /**
     * One model.
     *
     * @param free bounds per free parameter; a null bound is the declared one
     * @param priors per free parameter, for {@code map}
     */
    public record ModelSpec(
            String label,
            String agent,
            Map<String, Bounds> free,
            Map<String, Object> fixed,
            Map<String, PriorSpec> priors) {}

    public record Bounds(Double minimum, Double maximum) {}

    /** A prior: {@code normal} (mean, standardDeviation), {@code beta} (alpha, beta) or {@code gamma} (shape, scale). */
    public record PriorSpec(
            String distribution,
            Double mean,
            Double standardDeviation,
            Double alpha,
            Double beta,
            Double shape,
            Double scale) {}

    /**
     * One subject's trials.
     *
     * @param seed the agent's random stream in the replay (common random numbers)
     * @param sessions the sessions the trials were read from, empty for inline trials
     */
    public record SubjectData(String label, int arms, long seed, List<String> sessions, List<TrialData> trials) {}

    public record TrialData(int action, Double reward, double stimulation) {}
}
