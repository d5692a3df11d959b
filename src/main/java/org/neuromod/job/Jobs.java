package org.neuromod.job;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What features use to run heavy work as jobs: submit, look up, cancel. A job is a row of the
 * {@code jobs} table plus a db-scheduler execution, both written in one transaction, so that a
 * submitted job runs exactly once to its end, on whichever instance takes it, even if an instance
 * dies while running it (the job is then run again from its request).
 */
public class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private final JobRepository repository;
    private final JobExecutor executor;
    private final SchedulerClient scheduler;
    private final OneTimeTask<Void> task;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final JobSettings settings;

    Jobs(
            JobRepository repository,
            JobExecutor executor,
            SchedulerClient scheduler,
            OneTimeTask<Void> task,
            PlatformTransactionManager transactionManager,
            JsonMapper json,
            Clock clock,
            JobSettings settings) {
        this.repository = repository;
        this.executor = executor;
        this.scheduler = scheduler;
        this.task = task;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Stores the job, queued, and schedules it to run at once.
     *
     * @return the queued job
     * @throws JobQueueFull if {@code neuromod.jobs.max-queued} jobs already wait
     * @throws IllegalArgumentException if the kind is not a registered bean
     */
    public <R> Job submit(JobKind<R, ?> kind, R request) {
        if (!executor.knows(kind)) {
            throw new IllegalArgumentException("job kind '" + kind.name() + "' is not registered as a bean");
        }
        if (repository.count(JobStatus.QUEUED) >= settings.maxQueued()) {
            throw new JobQueueFull(settings.maxQueued(), settings.retryAfter());
        }
        UUID id = UUID.randomUUID();
        String body = json.writeValueAsString(request);
        // Read back inside the transaction: after the commit a worker may already have started it,
        // and the submitter is answered with the job as it was submitted (queued).
        return transactions.execute(status -> {
            repository.insert(id, kind.name(), body, clock.instant());
            scheduler.schedule(task.instance(id.toString()), clock.instant());
            return repository.find(id).orElseThrow();
        });
    }

    /** The job, if it exists and is of this kind. */
    public Optional<Job> find(JobKind<?, ?> kind, UUID id) {
        return repository.find(id).filter(job -> job.kind().equals(kind.name()));
    }

    /** The request of a job of this kind, read back. */
    public <R> R request(JobKind<R, ?> kind, Job job) {
        return json.readValue(job.request(), kind.requestType());
    }

    /** The result of a job of this kind that is done; empty before. */
    public <T> Optional<T> result(JobKind<?, T> kind, Job job) {
        return Optional.ofNullable(job.result()).map(result -> json.readValue(result, kind.resultType()));
    }

    /** A file the job attached to its result; empty if there is no such job or file. */
    public Optional<JobFile> file(JobKind<?, ?> kind, UUID id, String name) {
        return find(kind, id).flatMap(job -> repository.file(id, name));
    }

    /**
     * Cancels the job if it is queued or running: it is marked cancelled at once, and its work is
     * stopped within {@code neuromod.jobs.watch-interval} wherever it runs (at once on this
     * instance). Cancelling a finished job changes nothing.
     *
     * @return the job after the call, or empty if there is no such job of this kind
     */
    public Optional<Job> cancel(JobKind<?, ?> kind, UUID id) {
        if (find(kind, id).isEmpty()) {
            return Optional.empty();
        }
        if (repository.cancel(id, clock.instant())) {
            executor.cancelHere(id);
            removeExecution(id);
        }
        return repository.find(id);
    }

    /** How long a finished job is kept before it is removed. */
    public Duration retention() {
        return settings.retention();
    }

    private void removeExecution(UUID id) {
        try {
            scheduler.cancel(TaskInstanceId.of(task.getName(), id.toString()));
        } catch (RuntimeException running) {
            // a picked execution cannot be removed: it ends by itself, as its job is now cancelled
            log.debug("execution of job {} stays until it ends: {}", id, running.getMessage());
        }
    }
}
