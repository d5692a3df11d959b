package org.neuromod.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.fit.ChoiceTrial;
import org.neuromod.core.fit.InvalidFit;
import org.neuromod.core.fit.Model;
import org.neuromod.core.fit.Prior;
import org.neuromod.core.fit.Subject;

/** Turns a stored {@link FitRequest} into the fitting core's models and subjects. */
final class FitModels {

    private FitModels() {}

    /** @throws InvalidFit naming every problem of the model */
    static Model model(FitRequest.ModelSpec spec, boolean priorsAllowed) {
        AgentType type = AgentCatalog.find(spec.agent())
                .orElseThrow(() -> new InvalidFit("model '" + spec.label() + "': unknown agent '" + spec.agent()
                        + "'; known: "
                        + AgentCatalog.all().stream().map(AgentType::name).toList()));
        var problems = new ArrayList<String>();
        Map<String, FitRequest.PriorSpec> priors = spec.priors() == null ? Map.of() : spec.priors();
        Map<String, FitRequest.Bounds> free = spec.free() == null ? Map.of() : spec.free();
        if (!priors.isEmpty() && !priorsAllowed) {
            problems.add("priors are used only by method 'map' (a hierarchical fit uses the group prior)");
        }
        for (String name : priors.keySet()) {
            if (!free.containsKey(name)) {
                problems.add("prior given for '" + name + "', which is not a free parameter");
            }
        }
        var specs = new ArrayList<Model.FreeSpec>();
        free.forEach((name, bounds) -> {
            Prior prior = null;
            if (priors.containsKey(name)) {
                try {
                    prior = prior(name, priors.get(name));
                } catch (InvalidFit invalid) {
                    problems.addAll(invalid.problems());
                }
            }
            specs.add(new Model.FreeSpec(
                    name, bounds == null ? null : bounds.minimum(), bounds == null ? null : bounds.maximum(), prior));
        });
        Model model = null;
        try {
            model = Model.of(type, specs, spec.fixed() == null ? Map.of() : spec.fixed());
        } catch (InvalidFit invalid) {
            invalid.problems().forEach(p -> problems.add(prefix(spec) + p));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFit(problems);
        }
        return model;
    }

    private static String prefix(FitRequest.ModelSpec spec) {
        return spec.label().equals(spec.agent()) ? "" : "model '" + spec.label() + "': ";
    }

    private static Prior prior(String name, FitRequest.PriorSpec spec) {
        String where = "prior of '" + name + "': ";
        if (spec == null || spec.distribution() == null) {
            throw new InvalidFit(where + "needs a distribution: normal, beta or gamma");
        }
        return switch (spec.distribution()) {
            case "normal" ->
                new Prior.Normal(
                        require(where, "mean", spec.mean()),
                        require(where, "standardDeviation", spec.standardDeviation()));
            case "beta" -> new Prior.Beta(require(where, "alpha", spec.alpha()), require(where, "beta", spec.beta()));
            case "gamma" ->
                new Prior.Gamma(require(where, "shape", spec.shape()), require(where, "scale", spec.scale()));
            default ->
                throw new InvalidFit(
                        where + "unknown distribution '" + spec.distribution() + "'; known: normal, beta, gamma");
        };
    }

    private static double require(String where, String field, Double value) {
        if (value == null) {
            throw new InvalidFit(where + "needs '" + field + "'");
        }
        return value;
    }

    static List<Subject> subjects(FitRequest request) {
        return request.subjects().stream().map(FitModels::subject).toList();
    }

    static Subject subject(FitRequest.SubjectData data) {
        var trials = data.trials().stream()
                .map(t -> new ChoiceTrial(t.action(), t.reward(), t.stimulation()))
                .toList();
        return new Subject(data.label(), data.arms(), trials, data.seed());
    }
}
