package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.InvalidParameters;
import org.neuromod.core.agent.ParameterSpec;
import org.neuromod.core.agent.Parameters;

/**
 * What is fitted: an agent type, its free parameters with bounds (and priors), and the values of
 * the others. Besides the agent's own parameters every model has the lapse {@code ε} (src/docs/fitting.md), the
 * probability that a choice is a uniformly random arm instead of the agent's: {@code π' = (1−ε)π +
 * ε/k}. It is 0 unless fixed or free, and lets deterministic agents (the UCB ones) be scored.
 */
public final class Model {

    public static final String LAPSE = "lapse";

    /** The lapse's declaration: its default, range and meaning, as for an agent parameter. */
    public static final ParameterSpec.Numeric LAPSE_SPEC = ParameterSpec.Numeric.real(
            LAPSE, 0, 0, 1, "Lapse ε: the probability a choice is a uniformly random arm, π' = (1−ε)π + ε/k.");

    /**
     * A free parameter as asked for.
     *
     * @param minimum the lower bound, or null for the declared minimum
     * @param maximum the upper bound, or null for the declared maximum
     * @param prior the prior for a {@code map} fit, or null for uniform over the bounds
     */
    public record FreeSpec(String name, Double minimum, Double maximum, Prior prior) {}

    private final AgentType type;
    private final List<FreeParameter> free;
    private final Map<String, Object> fixed;
    private final double fixedLapse;
    private final int lapseIndex;

    private Model(AgentType type, List<FreeParameter> free, Map<String, Object> fixed, double fixedLapse) {
        this.type = type;
        this.free = List.copyOf(free);
        this.fixed = fixed;
        this.fixedLapse = fixedLapse;
        int lapse = -1;
        for (int i = 0; i < free.size(); i++) {
            if (free.get(i).name().equals(LAPSE)) {
                lapse = i;
            }
        }
        this.lapseIndex = lapse;
    }

    /**
     * Checks and builds a model.
     *
     * @throws InvalidFit naming every problem: an oracle agent (it reads a simulated environment's
     *     truth, which recorded choices do not have), unknown parameters, a parameter both free and
     *     fixed, a free parameter that is not real-valued, bounds outside the declared range or
     *     empty, invalid fixed values or priors
     */
    public static Model of(AgentType type, List<FreeSpec> free, Map<String, ?> fixed) {
        var problems = new ArrayList<String>();
        if (type.simulationOnly()) {
            throw new InvalidFit("agent '" + type.name() + "' reads a simulated environment's truth and cannot be"
                    + " fitted to recorded choices");
        }
        var declared = new LinkedHashMap<String, ParameterSpec>();
        type.parameters().forEach(spec -> declared.put(spec.name(), spec));
        declared.put(LAPSE, LAPSE_SPEC);
        var resolvedFree = new ArrayList<FreeParameter>();
        var seen = new ArrayList<String>();
        for (FreeSpec spec : free) {
            ParameterSpec parameter = declared.get(spec.name());
            if (seen.contains(spec.name())) {
                problems.add("free parameter '" + spec.name() + "' is given twice");
                continue;
            }
            seen.add(spec.name());
            if (parameter == null) {
                problems.add("unknown parameter '" + spec.name() + "' for agent '" + type.name() + "'; known: "
                        + declared.keySet());
                continue;
            }
            if (fixed.containsKey(spec.name())) {
                problems.add("parameter '" + spec.name() + "' cannot be both free and fixed");
            }
            if (!(parameter instanceof ParameterSpec.Numeric numeric) || numeric.integer()) {
                problems.add("parameter '" + spec.name() + "' is not real-valued and can only be fixed");
                continue;
            }
            double minimum = spec.minimum() != null ? spec.minimum() : numeric.minimum();
            double maximum = spec.maximum() != null ? spec.maximum() : numeric.maximum();
            if (!Double.isFinite(minimum) || !Double.isFinite(maximum)) {
                problems.add("bounds of '" + spec.name() + "' must be finite");
            } else if (minimum < numeric.minimum() || maximum > numeric.maximum()) {
                problems.add("bounds of '" + spec.name() + "' must lie within its declared range [" + numeric.minimum()
                        + ", " + numeric.maximum() + "], were [" + minimum + ", " + maximum + "]");
            } else if (!(minimum < maximum)) {
                problems.add("bounds of '" + spec.name() + "' need minimum < maximum, were [" + minimum + ", " + maximum
                        + "]");
            } else {
                if (spec.prior() != null) {
                    problems.addAll(spec.prior().problems(spec.name(), minimum, maximum));
                }
                resolvedFree.add(new FreeParameter(spec.name(), minimum, maximum, spec.prior()));
            }
        }
        var agentFixed = new LinkedHashMap<String, Object>(fixed);
        double lapse = 0;
        if (agentFixed.containsKey(LAPSE)) {
            Object value = agentFixed.remove(LAPSE);
            if (value instanceof Number number
                    && Double.isFinite(number.doubleValue())
                    && number.doubleValue() >= 0
                    && number.doubleValue() <= 1) {
                lapse = number.doubleValue();
            } else {
                problems.add("fixed 'lapse' must be a number within [0, 1], was " + value);
            }
        }
        try {
            type.resolve(agentFixed);
        } catch (InvalidParameters invalid) {
            problems.addAll(invalid.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidFit(problems);
        }
        var model = new Model(type, resolvedFree, agentFixed, lapse);
        try {
            model.agentParameters(model.defaults());
        } catch (InvalidParameters invalid) {
            throw new InvalidFit(invalid.problems());
        }
        return model;
    }

    public AgentType type() {
        return type;
    }

    public List<FreeParameter> free() {
        return free;
    }

    /** The number of free parameters, the lapse included when free. */
    public int dimension() {
        return free.size();
    }

    /** The given fixed values of the agent's parameters (the lapse excluded). */
    public Map<String, Object> fixed() {
        return fixed;
    }

    /** The agent's parameters at the given natural values of the free ones. */
    public Parameters agentParameters(double[] natural) {
        var values = new LinkedHashMap<String, Object>(fixed);
        for (int i = 0; i < free.size(); i++) {
            if (i != lapseIndex) {
                values.put(free.get(i).name(), natural[i]);
            }
        }
        return type.resolve(values);
    }

    /** The lapse at the given natural values of the free parameters. */
    public double lapse(double[] natural) {
        return lapseIndex >= 0 ? natural[lapseIndex] : fixedLapse;
    }

    /**
     * The free parameters' defaults: each one's declared default clamped into its bounds (0 for the
     * lapse). The first start of every fit begins here.
     */
    public double[] defaults() {
        double[] natural = new double[free.size()];
        for (int i = 0; i < free.size(); i++) {
            FreeParameter parameter = free.get(i);
            double declared = i == lapseIndex
                    ? LAPSE_SPEC.defaultValue()
                    : ((ParameterSpec.Numeric) type.parameters().stream()
                                    .filter(spec -> spec.name().equals(parameter.name()))
                                    .findFirst()
                                    .orElseThrow())
                            .defaultValue();
            natural[i] = Math.min(parameter.maximum(), Math.max(parameter.minimum(), declared));
        }
        return natural;
    }

    public double[] toNatural(double[] unbounded) {
        double[] natural = new double[free.size()];
        for (int i = 0; i < natural.length; i++) {
            natural[i] = free.get(i).toNatural(unbounded[i]);
        }
        return natural;
    }

    public double[] toUnbounded(double[] natural) {
        double[] unbounded = new double[free.size()];
        for (int i = 0; i < unbounded.length; i++) {
            unbounded[i] = free.get(i).toUnbounded(natural[i]);
        }
        return unbounded;
    }

    /** The free parameters' names, in order. */
    public List<String> names() {
        return free.stream().map(FreeParameter::name).toList();
    }
}
