package org.neuromod.experiment.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.neuromod.core.experiment.Experiment;
import org.neuromod.core.experiment.ExperimentResult;
import org.neuromod.core.experiment.ExperimentRunner;
import org.neuromod.experiment.ExperimentReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a synchronous experiment and stops it when its client goes away. The servlet API tells of
 * a disconnected client only when the response is written to, so a run that takes longer than
 * {@link #QUIET} commits a 200 and writes a space (leading whitespace is valid JSON) every {@link
 * #KEEP_ALIVE} until the report follows: the write after the client has gone fails, and the
 * simulation is interrupted. A run that ends sooner is answered as any other response.
 */
final class SynchronousExperiments {

    private static final Logger log = LoggerFactory.getLogger(SynchronousExperiments.class);

    /** How long a run may take before its response is committed and kept alive. */
    static final Duration QUIET = Duration.ofMillis(250);

    /** How often a committed response gets a space; a disconnect is noticed within two of them. */
    static final Duration KEEP_ALIVE = Duration.ofMillis(200);

    private final ExperimentRunner runner;
    private final JsonMapper json;

    SynchronousExperiments(ExperimentRunner runner, JsonMapper json) {
        this.runner = runner;
        this.json = json;
    }

    /**
     * @return the report to answer with, or null if the response has been written here (the run
     *     took longer than {@link #QUIET}) or the client went away
     */
    ExperimentReport run(Experiment experiment, HttpServletResponse response) {
        var task = new FutureTask<>(() -> runner.run(experiment));
        Thread.ofVirtual().name("experiment-request").start(task);
        try {
            ExperimentResult result = await(task, QUIET);
            if (result != null) {
                return ExperimentReport.of(result, false);
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            OutputStream body = response.getOutputStream();
            while (result == null) {
                body.write(' ');
                body.flush();
                result = await(task, KEEP_ALIVE);
            }
            json.writeValue(body, ExperimentReport.of(result, false));
            return null;
        } catch (IOException clientGone) {
            log.info("the client of a synchronous experiment went away; the experiment is stopped");
            return null;
        } finally {
            // a no-op once the run is done; otherwise it interrupts the simulation
            task.cancel(true);
        }
    }

    private static ExperimentResult await(FutureTask<ExperimentResult> task, Duration timeout) {
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException running) {
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the request was interrupted");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the experiment failed", failed.getCause());
        }
    }
}
