package org.neuromod.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.neuromod.core.environment.EnvironmentCatalog;
import org.neuromod.core.environment.EnvironmentType;
import org.neuromod.core.experiment.Experiment;
import org.neuromod.core.experiment.ExperimentAgent;
import org.neuromod.core.experiment.ExperimentResult;
import org.neuromod.core.experiment.ExperimentRunner;
import org.neuromod.job.JobContext;
import org.neuromod.job.JobFailed;
import org.neuromod.job.JobKind;

/**
 * An experiment run as a job ({@code POST /experiments} with {@code Prefer: respond-async}). The
 * result is the synchronous answer's report; the files of {@link ResultsWriter} (CSV tables,
 * plots, the full JSON with every seed's values) are attached to it. Progress counts seed indices
 * that every agent has finished. The request carries the experiment's seed, so a re-run after an
 * instance died gives the same result.
 */
public final class ExperimentJob implements JobKind<ExperimentJob.Request, ExperimentReport> {

    /** The job kind's name, stored with every experiment job. */
    public static final String NAME = "experiment";

    private final ExperimentRunner runner;

    public ExperimentJob(ExperimentRunner runner) {
        this.runner = runner;
    }

    /**
     * A validated experiment with its seed chosen.
     *
     * @param agents every agent with its label and parameter values
     */
    public record Request(
            String environment, Map<String, Object> environmentParameters, int seeds, long seed, List<Agent> agents) {

        public Request {
            environmentParameters = Collections.unmodifiableMap(new LinkedHashMap<>(environmentParameters));
            agents = List.copyOf(agents);
        }

        /** One agent of the experiment. */
        public record Agent(String label, String agent, Map<String, Object> parameters) {
            public Agent {
                parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            }
        }

        /** The experiment of the core. */
        public Experiment experiment() {
            EnvironmentType type = EnvironmentCatalog.find(environment)
                    .orElseThrow(() -> new IllegalArgumentException("unknown environment '" + environment + "'"));
            List<ExperimentAgent> participants = agents.stream()
                    .map(agent -> ExperimentAgent.of(agent.label(), agent.agent(), agent.parameters()))
                    .toList();
            return new Experiment(type, type.resolve(environmentParameters), participants, seeds, seed);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Class<ExperimentReport> resultType() {
        return ExperimentReport.class;
    }

    @Override
    public ExperimentReport run(Request request, JobContext context) throws IOException {
        Experiment experiment;
        try {
            experiment = request.experiment();
        } catch (IllegalArgumentException e) {
            throw new JobFailed("the stored experiment is no longer valid: " + e.getMessage(), e);
        }
        var highest = new AtomicLong();
        ExperimentResult result = runner.run(experiment, (done, total) -> {
            // calls from worker threads may arrive out of order: report the highest count
            long reported = highest.accumulateAndGet(done, Math::max);
            context.progress(reported, total);
        });
        context.checkCancelled();
        attachFiles(result, context);
        return ExperimentReport.of(result, false);
    }

    private static void attachFiles(ExperimentResult result, JobContext context) throws IOException {
        Path folder = Files.createTempDirectory("neuromod-experiment-");
        try {
            ResultsWriter.write(result, folder);
            for (String name : ResultsWriter.FILES) {
                context.attach(name, mediaType(name), Files.readAllBytes(folder.resolve(name)));
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(ExperimentJob::delete);
            }
        }
    }

    /** The media type of a file of {@link ResultsWriter#FILES}. */
    public static String mediaType(String name) {
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return "text/markdown";
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
