package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Maximises a function of the unbounded parameters {@code z ∈ [−Z, Z]^d} ({@code Z = }{@link
 * Transform#Z_LIMIT}) from several starts with Commons Math 3, derivative-free:
 *
 * <ul>
 *   <li>{@code d ≥ 2}: BOBYQA (Powell 2009, "The BOBYQA algorithm for bound constrained
 *       optimization without derivatives", Cambridge NA Report NA2009/06), a trust-region method on
 *       a quadratic model interpolating {@code 2d + 1} points; initial trust radius {@value
 *       #INITIAL_RADIUS} ({@value #WARM_RADIUS} for a warm start next to a previous optimum),
 *       stopping radius {@value #STOPPING_RADIUS} on the {@code z} scale.
 *   <li>{@code d = 1}: Brent's method (Brent 1973, "Algorithms for minimization without
 *       derivatives", ch. 5: golden section with parabolic interpolation) on {@code [−Z, Z]},
 *       started at the start point; BOBYQA needs at least two dimensions.
 *   <li>{@code d = 0}: nothing to optimise; the value at the empty point.
 * </ul>
 *
 * Each start is run to convergence or {@value #MAX_EVALUATIONS} evaluations, whichever comes
 * first; the best point any evaluation of a start saw is its result (so an exhausted budget, or a
 * BOBYQA step that fails on a kinked objective, still gives a point, marked not converged). Every start's result is returned, in the order of the starts.
 */
final class MultiStartOptimizer {

    static final double INITIAL_RADIUS = 0.5;
    static final double STOPPING_RADIUS = 1e-6;

    /** The initial trust radius of a warm start, which begins next to its optimum (a later EM E-step). */
    static final double WARM_RADIUS = 0.05;

    static final int MAX_EVALUATIONS = 5000;

    /** One start: where it began, where it ended, the value there and how many evaluations it took. */
    record Outcome(double[] start, double[] optimum, double value, int evaluations, boolean converged) {}

    private MultiStartOptimizer() {}

    static List<Outcome> maximize(
            ToDoubleFunction<double[]> objective, List<double[]> starts, double initialRadius, Runnable afterStart) {
        var outcomes = new ArrayList<Outcome>(starts.size());
        for (double[] start : starts) {
            outcomes.add(maximize(objective, clamp(start), initialRadius));
            afterStart.run();
        }
        return outcomes;
    }

    static Outcome maximize(ToDoubleFunction<double[]> objective, double[] start, double initialRadius) {
        int d = start.length;
        var best = new Best(objective);
        if (d == 0) {
            best.applyAsDouble(start);
            return new Outcome(start, start, best.value, 1, true);
        }
        boolean converged = true;
        try {
            if (d == 1) {
                new BrentOptimizer(1e-10, 1e-12)
                        .optimize(
                                new MaxEval(MAX_EVALUATIONS),
                                new UnivariateObjectiveFunction(z -> best.applyAsDouble(new double[] {z})),
                                GoalType.MAXIMIZE,
                                new SearchInterval(-Transform.Z_LIMIT, Transform.Z_LIMIT, start[0]));
            } else {
                double[] lower = new double[d];
                double[] upper = new double[d];
                Arrays.fill(lower, -Transform.Z_LIMIT);
                Arrays.fill(upper, Transform.Z_LIMIT);
                new BOBYQAOptimizer(2 * d + 1, initialRadius, Math.min(STOPPING_RADIUS, initialRadius / 10))
                        .optimize(
                                new MaxEval(MAX_EVALUATIONS),
                                new ObjectiveFunction(best::applyAsDouble),
                                GoalType.MAXIMIZE,
                                new InitialGuess(start),
                                new SimpleBounds(lower, upper));
            }
        } catch (MathIllegalStateException stopped) {
            // An exhausted budget (TooManyEvaluationsException is one), or BOBYQA's "trust region step has failed to
            // reduce Q" on a kinked
            // objective (caps such as min(1, α) make the likelihood piecewise smooth): the start ends
            // at the best point it evaluated, reported as not converged.
            converged = false;
        }
        return new Outcome(start, best.point, best.value, best.evaluations, converged);
    }

    /** Starts strictly inside the box, so BOBYQA's first interpolation points stay within it. */
    private static double[] clamp(double[] start) {
        double limit = Transform.Z_LIMIT - 2 * INITIAL_RADIUS;
        double[] inside = start.clone();
        for (int i = 0; i < inside.length; i++) {
            inside[i] = Math.max(-limit, Math.min(limit, inside[i]));
        }
        return inside;
    }

    /** The objective, remembering the best point it was evaluated at. */
    private static final class Best implements ToDoubleFunction<double[]> {
        private final ToDoubleFunction<double[]> objective;
        private double[] point;
        private double value = Double.NEGATIVE_INFINITY;
        private int evaluations;

        Best(ToDoubleFunction<double[]> objective) {
            this.objective = objective;
        }

        @Override
        public double applyAsDouble(double[] z) {
            evaluations++;
            double v = objective.applyAsDouble(z);
            if (point == null || v > value) {
                value = v;
                point = z.clone();
            }
            return v;
        }
    }
}
