package org.neuromod.fit;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.neuromod.Limits;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.fit.InvalidFit;
import org.neuromod.core.fit.Model;
import org.neuromod.core.fit.Seeds;
import org.neuromod.core.fit.ShadowLikelihood;
import org.neuromod.core.fit.Subject;
import org.neuromod.core.fit.TrialTrace;
import org.neuromod.job.Job;
import org.neuromod.job.JobStatus;
import org.neuromod.job.Jobs;
import org.neuromod.session.Outcome;
import org.neuromod.session.Session;
import org.neuromod.session.SessionNotFound;
import org.neuromod.session.SessionService;
import org.neuromod.session.SessionSummary;
import org.springframework.stereotype.Service;

/**
 * Fits as jobs: checks and resolves a request (every problem is a 4xx before anything is queued;
 * stored sessions are read here, through the session feature's service, so the job depends on its
 * stored request alone), submits it to the job engine, and reads back status, results and traces.
 */
@Service
public class FitService {

    /** Starts per subject when the request gives none. */
    public static final int DEFAULT_STARTS = 10;

    /** EM iterations of a hierarchical fit when the request gives none. */
    public static final int DEFAULT_MAX_ITERATIONS = 50;

    /** Seeds chosen for the client stay exact in every JSON client (doubles hold 53 bits). */
    private static final long SEED_BOUND = 1L << 53;

    private final Jobs jobs;
    private final FitJob kind;
    private final SessionService sessions;
    private final FitLimits limits;
    private final Limits serviceLimits;
    private final SecureRandom seeds = new SecureRandom();

    FitService(Jobs jobs, FitJob kind, SessionService sessions, FitLimits limits, Limits serviceLimits) {
        this.jobs = jobs;
        this.kind = kind;
        this.sessions = sessions;
        this.limits = limits;
        this.serviceLimits = serviceLimits;
    }

    /**
     * Checks, resolves and queues a fit.
     *
     * @throws InvalidFit naming every problem found
     * @throws org.neuromod.job.JobQueueFull if too many jobs wait
     */
    public Job submit(NewFit fit) {
        return jobs.submit(kind, resolve(fit));
    }

    /** The request as it will run: models, subjects and seeds resolved. */
    FitRequest resolve(NewFit fit) {
        var problems = new ArrayList<String>();
        List<FitRequest.ModelSpec> models = models(fit, problems);
        String method = fit.method() == null ? "mle" : fit.method();
        if (!method.equals("mle") && !method.equals("map")) {
            problems.add("'method' must be 'mle' or 'map', was '" + method + "'");
        }
        int starts = fit.starts() == null ? DEFAULT_STARTS : fit.starts();
        if (starts < 1 || starts > limits.maxStarts()) {
            problems.add("'starts' must be within [1, " + limits.maxStarts() + "] (neuromod.fits.max-starts), was "
                    + starts);
        }
        boolean hierarchical = Boolean.TRUE.equals(fit.hierarchical());
        int maxIterations = fit.maxIterations() == null ? DEFAULT_MAX_ITERATIONS : fit.maxIterations();
        if (maxIterations < 1 || maxIterations > limits.maxIterations()) {
            problems.add("'maxIterations' must be within [1, " + limits.maxIterations()
                    + "] (neuromod.fits.max-iterations), was " + maxIterations);
        }
        long seed = fit.seed() != null ? fit.seed() : seeds.nextLong(SEED_BOUND);
        List<FitRequest.SubjectData> subjects = subjects(fit.subjects(), seed, problems);
        if (hierarchical && subjects.size() < 2) {
            problems.add("a hierarchical fit needs at least 2 subjects");
        }
        long totalTrials = subjects.stream().mapToLong(s -> s.trials().size()).sum() * Math.max(1, models.size());
        if (totalTrials > limits.maxTotalTrials()) {
            problems.add("the fit holds " + totalTrials + " trials over all subjects and models, more than "
                    + limits.maxTotalTrials() + " (neuromod.fits.max-total-trials)");
        }
        if (problems.isEmpty()) {
            for (FitRequest.ModelSpec spec : models) {
                checkModel(spec, hierarchical, method.equals("map"), subjects, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFit(problems);
        }
        return new FitRequest(models, method, starts, seed, hierarchical, maxIterations, subjects);
    }

    private List<FitRequest.ModelSpec> models(NewFit fit, List<String> problems) {
        boolean single = fit.agent() != null || fit.free() != null || fit.fixed() != null || fit.priors() != null;
        if (single && fit.models() != null) {
            problems.add("give either 'agent' (with 'free', 'fixed', 'priors') or 'models', not both");
            return List.of();
        }
        if (fit.models() == null) {
            if (fit.agent() == null || fit.agent().isBlank()) {
                problems.add("'agent' is required (or 'models' to compare several)");
                return List.of();
            }
            return List.of(spec(fit.agent(), fit.agent(), fit.free(), fit.fixed(), fit.priors()));
        }
        if (fit.models().isEmpty() || fit.models().size() > limits.maxModels()) {
            problems.add("'models' must hold 1 to " + limits.maxModels() + " models (neuromod.fits.max-models)");
            return List.of();
        }
        var labels = new HashSet<String>();
        var specs = new ArrayList<FitRequest.ModelSpec>();
        for (int i = 0; i < fit.models().size(); i++) {
            NewFit.NewModel model = fit.models().get(i);
            if (model == null || model.agent() == null || model.agent().isBlank()) {
                problems.add("models[" + i + "]: 'agent' is required");
                continue;
            }
            String label = model.label() == null ? model.agent() : model.label();
            if (!labels.add(label)) {
                problems.add("models[" + i + "]: label '" + label + "' is used twice; give each model its own label");
            }
            specs.add(spec(label, model.agent(), model.free(), model.fixed(), model.priors()));
        }
        return specs;
    }

    private static FitRequest.ModelSpec spec(
            String label,
            String agent,
            Map<String, FitRequest.Bounds> free,
            Map<String, Object> fixed,
            Map<String, FitRequest.PriorSpec> priors) {
        return new FitRequest.ModelSpec(
                label,
                agent,
                free == null ? Map.of() : new LinkedHashMap<>(free),
                fixed == null ? Map.of() : new LinkedHashMap<>(fixed),
                priors == null ? Map.of() : new LinkedHashMap<>(priors));
    }

    private void checkModel(
            FitRequest.ModelSpec spec,
            boolean hierarchical,
            boolean map,
            List<FitRequest.SubjectData> subjects,
            List<String> problems) {
        Model model;
        try {
            model = FitModels.model(spec, map && !hierarchical);
        } catch (InvalidFit invalid) {
            problems.addAll(invalid.problems());
            return;
        }
        if (hierarchical && model.dimension() == 0) {
            problems.add("a hierarchical fit needs at least one free parameter");
        }
        // Some combinations are refused only by the agent itself (such as the ensemble estimator with
        // one member): create it once per number of arms, so they are a 400 now, not a failed job.
        subjects.stream().map(FitRequest.SubjectData::arms).distinct().forEach(arms -> {
            try {
                model.type().create(new AgentSetup(arms, model.agentParameters(model.defaults()), 0));
            } catch (IllegalArgumentException invalid) {
                problems.add("model '" + spec.label() + "' with " + arms + " arms: " + invalid.getMessage());
            }
        });
    }

    private List<FitRequest.SubjectData> subjects(List<NewFit.NewSubject> given, long seed, List<String> problems) {
        if (given == null || given.isEmpty()) {
            problems.add("'subjects' must hold at least one subject");
            return List.of();
        }
        if (given.size() > limits.maxSubjects()) {
            problems.add("'subjects' may hold at most " + limits.maxSubjects()
                    + " subjects (neuromod.fits.max-subjects)," + " was " + given.size());
            return List.of();
        }
        var labels = new HashSet<String>();
        var subjects = new ArrayList<FitRequest.SubjectData>();
        for (int i = 0; i < given.size(); i++) {
            NewFit.NewSubject subject = given.get(i);
            String where = "subjects[" + i + "]: ";
            if (subject == null) {
                problems.add(where + "must be an object");
                continue;
            }
            String label = subject.label();
            if (label == null || label.isBlank() || label.length() > 200) {
                problems.add(where + "'label' is required (1 to 200 characters)");
                continue;
            }
            if (!labels.add(label)) {
                problems.add(where + "label '" + label + "' is used twice");
                continue;
            }
            long subjectSeed = subject.seed() != null ? subject.seed() : Seeds.derive(seed, i, Seeds.AGENT);
            FitRequest.SubjectData data = subject.sessions() != null
                    ? fromSessions(where, label, subject, subject.seed(), problems)
                    : inline(where, label, subject, subjectSeed, problems);
            if (data == null) {
                continue;
            }
            try {
                FitModels.subject(data);
                subjects.add(data);
            } catch (InvalidFit invalid) {
                problems.addAll(invalid.problems());
            }
        }
        return subjects;
    }

    private FitRequest.SubjectData inline(
            String where, String label, NewFit.NewSubject subject, long seed, List<String> problems) {
        if (subject.arms() == null) {
            problems.add(where + "'arms' is required with inline 'trials' (or give 'sessions')");
            return null;
        }
        if (subject.arms() < 2 || subject.arms() > serviceLimits.maxArms()) {
            problems.add(where + "'arms' must be within [2, " + serviceLimits.maxArms() + "], was " + subject.arms());
            return null;
        }
        if (subject.trials() == null || subject.trials().isEmpty()) {
            problems.add(where + "'trials' must hold at least one trial");
            return null;
        }
        if (subject.trials().size() > limits.maxTrials()) {
            problems.add(
                    where + "at most " + limits.maxTrials() + " trials per subject (neuromod.fits.max-trials), was "
                            + subject.trials().size());
            return null;
        }
        var trials = new ArrayList<FitRequest.TrialData>(subject.trials().size());
        for (int t = 0; t < subject.trials().size(); t++) {
            NewFit.NewTrial trial = subject.trials().get(t);
            if (trial == null || trial.action() == null) {
                problems.add(where + "trial " + (t + 1) + " needs an 'action'");
                return null;
            }
            double stimulation = trial.stimulation() == null ? 0 : trial.stimulation();
            if (!(stimulation >= 0 && stimulation <= Session.MAX_STIMULATION)) {
                problems.add(where + "trial " + (t + 1) + ": stimulation must be within [0, "
                        + (long) Session.MAX_STIMULATION + "], was " + stimulation);
                return null;
            }
            trials.add(new FitRequest.TrialData(trial.action(), trial.reward(), stimulation));
        }
        return new FitRequest.SubjectData(label, subject.arms(), seed, List.of(), trials);
    }

    /** The closed trials of the sessions, in the given order of sessions and then of trials. */
    private FitRequest.SubjectData fromSessions(
            String where, String label, NewFit.NewSubject subject, Long seed, List<String> problems) {
        if (subject.trials() != null || subject.arms() != null) {
            problems.add(where + "give either 'sessions' or 'arms' with 'trials', not both");
            return null;
        }
        if (subject.sessions().isEmpty()) {
            problems.add(where + "'sessions' must hold at least one session id");
            return null;
        }
        var trials = new ArrayList<FitRequest.TrialData>();
        Integer arms = null;
        Long firstSeed = null;
        for (String id : subject.sessions()) {
            SessionSummary summary;
            UUID uuid;
            try {
                uuid = UUID.fromString(id == null ? "" : id);
                summary = sessions.get(uuid);
            } catch (IllegalArgumentException | SessionNotFound unknown) {
                problems.add(where + "unknown session '" + id + "'");
                return null;
            }
            if (arms != null && summary.arms() != arms) {
                problems.add(where + "its sessions must have the same number of arms (" + arms + " and "
                        + summary.arms() + ")");
                return null;
            }
            arms = summary.arms();
            firstSeed = firstSeed == null ? summary.seed() : firstSeed;
            if (trials.size() + summary.trials() > limits.maxTrials()) {
                problems.add(where + "its sessions hold more than " + limits.maxTrials()
                        + " trials (neuromod.fits.max-trials)");
                return null;
            }
            sessions.exportTrials(uuid, 0, Long.MAX_VALUE, trial -> {
                Outcome outcome = trial.outcome();
                if (outcome != null) {
                    trials.add(new FitRequest.TrialData(outcome.action(), outcome.reward(), trial.stimulation()));
                }
            });
        }
        if (trials.isEmpty()) {
            problems.add(where + "its sessions hold no closed trial");
            return null;
        }
        return new FitRequest.SubjectData(
                label, arms, seed != null ? seed : firstSeed, List.copyOf(subject.sessions()), trials);
    }

    /** @throws FitNotFound if there is no such fit */
    public Job find(UUID id) {
        return jobs.find(kind, id).orElseThrow(() -> new FitNotFound(id.toString()));
    }

    /** Cancels a queued or running fit; a finished one stays as it is. */
    public Job cancel(UUID id) {
        return jobs.cancel(kind, id).orElseThrow(() -> new FitNotFound(id.toString()));
    }

    public FitRequest request(Job job) {
        return jobs.request(kind, job);
    }

    /** The report of a done fit, empty before. */
    public java.util.Optional<FitReport> report(Job job) {
        return job.status() == JobStatus.DONE ? jobs.result(kind, job) : java.util.Optional.empty();
    }

    /**
     * A subject's replay at its estimates: every trial's policy, term and signals.
     *
     * @param model the model's label; may be null when the fit has one model
     * @throws FitNotFinished unless the fit is done
     * @throws UnknownSubject if the fit has no such subject or model
     */
    public Trace trace(UUID id, String label, String model) {
        Job job = find(id);
        FitReport report = report(job)
                .orElseThrow(
                        () -> new FitNotFinished(id.toString(), job.status().jsonName()));
        FitRequest request = request(job);
        FitRequest.ModelSpec spec;
        if (model == null) {
            if (request.models().size() > 1) {
                throw new UnknownSubject(
                        "this fit compared " + request.models().size() + " models; name one with" + " ?model=, one of "
                                + request.models().stream()
                                        .map(FitRequest.ModelSpec::label)
                                        .toList());
            }
            spec = request.models().getFirst();
        } else {
            spec = request.models().stream()
                    .filter(m -> m.label().equals(model))
                    .findFirst()
                    .orElseThrow(() -> new UnknownSubject("this fit has no model '" + model + "'"));
        }
        FitRequest.SubjectData data = request.subjects().stream()
                .filter(s -> s.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new UnknownSubject("this fit has no subject '" + label + "'"));
        FitReport.SubjectResult result = report.results().stream()
                .filter(r -> r.model().equals(spec.label()) && r.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new UnknownSubject("this fit has no result for subject '" + label + "'"));
        Model fitted = FitModels.model(spec, true);
        double[] natural = new double[fitted.dimension()];
        var parameters = new LinkedHashMap<String, Double>();
        for (int i = 0; i < natural.length; i++) {
            String name = fitted.names().get(i);
            natural[i] = result.estimates().get(name).value();
            parameters.put(name, natural[i]);
        }
        Subject subject = FitModels.subject(data);
        List<TrialTrace> trials = new ShadowLikelihood(fitted, subject).trace(natural);
        return new Trace(spec.label(), spec.agent(), label, data.arms(), parameters, trials);
    }

    /** A subject's replay at its estimates. */
    public record Trace(
            String model,
            String agent,
            String label,
            int arms,
            Map<String, Double> parameters,
            List<TrialTrace> trials) {}
}
