package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.neuromod.core.agent.RandomGenerators;

/**
 * Fits a model to each subject separately by maximum likelihood or maximum a posteriori (src/docs/fitting.md),
 * from several starts on the unbounded scale (see {@link SubjectFitter} for the estimates, their
 * Laplace uncertainty and the criteria).
 *
 * <p>Starts: the first begins at the parameters' defaults (each declared default clamped into its
 * bounds); every further one at a position {@code u ~ Uniform(0.05, 0.95)} within each range on
 * its transform's scale, {@code z = logit u}, drawn from the subject's own seeded stream ({@link
 * Seeds#STARTS}), so a fit is reproducible from its seed. The default's position is clamped into
 * the same {@code [0.05, 0.95]} so that no start sits on a bound.
 */
public final class Fitter {

    /** The largest number of starts per subject. */
    public static final int MAX_STARTS = 100;

    static final double START_MARGIN = 0.05;

    /**
     * How to fit.
     *
     * @param starts optimiser starts per subject, at least 1
     * @param seed the seed of the random starts
     */
    public record Settings(Method method, int starts, long seed) {
        public Settings {
            if (starts < 1 || starts > MAX_STARTS) {
                throw new InvalidFit("starts must be within [1, " + MAX_STARTS + "], was " + starts);
            }
        }
    }

    private Fitter() {}

    /**
     * Fits every subject; progress counts one unit per start of each subject.
     *
     * @throws FitCancelled if the monitor cancels
     */
    public static List<SubjectFit> fit(Model model, List<Subject> subjects, Settings settings, FitMonitor monitor) {
        long total = (long) subjects.size() * settings.starts();
        var done = new AtomicLong();
        var fits = new ArrayList<SubjectFit>();
        for (int i = 0; i < subjects.size(); i++) {
            fits.add(fit(
                    model,
                    subjects.get(i),
                    i,
                    settings,
                    monitor,
                    () -> monitor.progress(done.incrementAndGet(), total)));
        }
        return fits;
    }

    /** Fits one subject, the {@code index}-th of the fit (which chooses its stream of starts). */
    public static SubjectFit fit(
            Model model, Subject subject, int index, Settings settings, FitMonitor monitor, Runnable afterStart) {
        var likelihood = new ShadowLikelihood(model, subject);
        UnboundedPrior prior = settings.method() == Method.MAP ? UnboundedPrior.of(model) : UnboundedPrior.FLAT;
        UnboundedPrior evidencePrior = settings.method() == Method.MAP ? prior : UnboundedPrior.UNIFORM_OVER_BOUNDS;
        return SubjectFitter.fit(
                likelihood,
                prior,
                evidencePrior,
                starts(model, settings.starts(), Seeds.derive(settings.seed(), index, Seeds.STARTS)),
                MultiStartOptimizer.INITIAL_RADIUS,
                monitor,
                afterStart);
    }

    /** The starts on the unbounded scale: the defaults first, then seeded random positions. */
    static List<double[]> starts(Model model, int count, long seed) {
        UniformRandomProvider random = RandomGenerators.seeded(seed);
        int d = model.dimension();
        var starts = new ArrayList<double[]>(count);
        double[] defaults = model.defaults();
        double[] first = new double[d];
        for (int i = 0; i < d; i++) {
            FreeParameter p = model.free().get(i);
            double u = p.transform().position(defaults[i], p.minimum(), p.maximum());
            first[i] = logit(Math.max(START_MARGIN, Math.min(1 - START_MARGIN, u)));
        }
        starts.add(first);
        for (int s = 1; s < count; s++) {
            double[] start = new double[d];
            for (int i = 0; i < d; i++) {
                start[i] = logit(START_MARGIN + (1 - 2 * START_MARGIN) * random.nextDouble());
            }
            starts.add(start);
        }
        return starts;
    }

    static double logit(double u) {
        return Math.log(u) - Math.log1p(-u);
    }
}
