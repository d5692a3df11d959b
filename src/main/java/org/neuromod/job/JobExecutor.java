package org.neuromod.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one job on the calling db-scheduler thread: claims the row, runs its kind, stores the
 * outcome. Also the watcher of the jobs running here: it stores their progress and stops those
 * that were cancelled, on this instance or another.
 */
final class JobExecutor {

    private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);

    private final Map<String, JobKind<?, ?>> kinds;
    private final JobRepository repository;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String owner;
    private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    JobExecutor(
            List<JobKind<?, ?>> kinds,
            JobRepository repository,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters,
            String owner) {
        var byName = new LinkedHashMap<String, JobKind<?, ?>>();
        for (JobKind<?, ?> kind : kinds) {
            if (!kind.name().matches("[a-z0-9-]{1,64}")) {
                throw new IllegalStateException("job kind name '" + kind.name() + "' is not [a-z0-9-]{1,64}");
            }
            if (byName.put(kind.name(), kind) != null) {
                throw new IllegalStateException("two job kinds are named '" + kind.name() + "'");
            }
        }
        this.kinds = Map.copyOf(byName);
        this.repository = repository;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.owner = owner;
    }

    boolean knows(JobKind<?, ?> kind) {
        return kinds.get(kind.name()) == kind;
    }

    /**
     * Runs the job unless it is finished or gone.
     *
     * @throws EngineStopping if the instance shuts down meanwhile, so that the execution stays
     *     scheduled and runs again (here after a restart, or on another instance)
     */
    void execute(UUID id) {
        OptionalInt attempt = repository.start(id, owner, clock.instant());
        if (attempt.isEmpty()) {
            return;
        }
        Optional<Job> stored = repository.find(id);
        if (stored.isEmpty()) {
            return;
        }
        Job job = stored.get();
        JobKind<?, ?> kind = kinds.get(job.kind());
        if (kind == null) {
            repository.fail(
                    id,
                    attempt.getAsInt(),
                    new JobError("this service does not know job kind '" + job.kind() + "'"),
                    clock.instant());
            return;
        }
        var run = new RunningJob(id, attempt.getAsInt(), Thread.currentThread());
        running.put(id, run);
        Timer.Sample sample = Timer.start(meters);
        JobStatus outcome = JobStatus.FAILED;
        try {
            outcome = runAndStore(job, kind, run);
        } finally {
            running.remove(id);
            // the pool thread is reused: a cancellation's interrupt must not reach the next job
            Thread.interrupted();
            sample.stop(Timer.builder("neuromod.jobs.duration")
                    .description("Time from a job's start on this instance to its end")
                    .tag("kind", kind.name())
                    .tag("status", outcome.jsonName())
                    .register(meters));
        }
    }

    private <R, T> JobStatus runAndStore(Job job, JobKind<R, T> kind, RunningJob run) {
        try {
            R request = json.readValue(job.request(), kind.requestType());
            T result = kind.run(request, run);
            if (run.cancelled) {
                return JobStatus.CANCELLED;
            }
            repository.complete(
                    job.id(),
                    run.attempt,
                    json.writeValueAsString(result),
                    run.progress(),
                    run.files(),
                    clock.instant());
            return JobStatus.DONE;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            if (stopping) {
                throw new EngineStopping(job.id(), e);
            }
            if (run.cancelled) {
                return JobStatus.CANCELLED;
            }
            String detail;
            if (e instanceof JobFailed failed) {
                detail = failed.getMessage();
            } else {
                log.error("job {} of kind {} failed", job.id(), kind.name(), e);
                detail = "the job failed on the server (" + e.getClass().getSimpleName() + "); see the service's log";
            }
            repository.fail(job.id(), run.attempt, new JobError(detail), clock.instant());
            return JobStatus.FAILED;
        }
    }

    /** Stores the progress of the jobs running here and stops those cancelled meanwhile. */
    void watch() {
        if (running.isEmpty()) {
            return;
        }
        List<RunningJob> jobs = new ArrayList<>(running.values());
        for (RunningJob job : jobs) {
            JobProgress progress = job.progress();
            if (!progress.equals(job.storedProgress)) {
                repository.progress(job.id, job.attempt, progress);
                job.storedProgress = progress;
            }
        }
        Set<UUID> gone = repository.notRunning(jobs.stream().map(job -> job.id).toList());
        for (UUID id : gone) {
            cancelHere(id);
        }
    }

    /** Stops the job if it runs on this instance. */
    void cancelHere(UUID id) {
        RunningJob job = running.get(id);
        if (job != null) {
            job.cancelled = true;
            job.thread.interrupt();
        }
    }

    int runningHere() {
        return running.size();
    }

    /** Interrupts every job running here; they stay scheduled and run again after a restart. */
    void stop() {
        stopping = true;
        running.values().forEach(job -> job.thread.interrupt());
    }

    /** Thrown out of a job interrupted by shutdown, so that db-scheduler keeps its execution. */
    static final class EngineStopping extends RuntimeException {
        EngineStopping(UUID id, Throwable cause) {
            super("the service stopped while job " + id + " ran; it runs again", cause);
        }
    }

    private final class RunningJob implements JobContext {
        final UUID id;
        final int attempt;
        final Thread thread;
        volatile boolean cancelled;
        private volatile long done;
        private volatile long total;
        private final Map<String, JobFile> files = new LinkedHashMap<>();
        JobProgress storedProgress = new JobProgress(0, 0);

        RunningJob(UUID id, int attempt, Thread thread) {
            this.id = id;
            this.attempt = attempt;
            this.thread = thread;
        }

        @Override
        public UUID jobId() {
            return id;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public synchronized void progress(long done, long total) {
            this.done = done;
            this.total = total;
        }

        synchronized JobProgress progress() {
            return new JobProgress(done, total);
        }

        @Override
        public boolean cancelled() {
            return cancelled || stopping;
        }

        @Override
        public synchronized void attach(String name, String mediaType, byte[] content) {
            files.put(name, new JobFile(name, mediaType, content.clone()));
        }

        synchronized List<JobFile> files() {
            return List.copyOf(files.values());
        }
    }
}
