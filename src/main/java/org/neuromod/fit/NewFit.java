package org.neuromod.fit;

import java.util.List;
import java.util.Map;

/**
 * A fit as a client asks for it (the body of {@code POST /fits}, src/docs/fitting.md): one model ({@code
 * agent}, {@code free}, {@code fixed}, {@code priors}) or several ({@code models}), the method and
 * the subjects. Absent values take the defaults documented in src/docs/fitting.md.
 */
public record NewFit(
        String agent,
        Map<String, FitRequest.Bounds> free,
        Map<String, Object> fixed,
        Map<String, FitRequest.PriorSpec> priors,
        List<NewModel> models,
        String method,
        Integer starts,
        Long seed,
        Boolean hierarchical,
        Integer maxIterations,
        List<NewSubject> subjects) {

    /** One of several models to compare; the label defaults to the agent's name. */
    public record NewModel(
            String label,
            String agent,
            Map<String, FitRequest.Bounds> free,
            Map<String, Object> fixed,
            Map<String, FitRequest.PriorSpec> priors) {}

    /**
     * A subject: inline trials with the number of arms, or the ids of stored sessions.
     *
     * @param seed the replay's random stream; default the first session's seed, or one derived from
     *     the fit's seed
     */
    public record NewSubject(String label, Integer arms, List<NewTrial> trials, List<String> sessions, Long seed) {}

    /** One trial; stimulation defaults to 0, a null reward is a no-response trial. */
    public record NewTrial(Integer action, Double reward, Double stimulation) {}
}
