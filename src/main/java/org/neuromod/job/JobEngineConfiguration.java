package org.neuromod.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job engine: db-scheduler's core, configured here as a Spring bean (its Spring Boot starter
 * is built for Spring Boot 3 and Jackson 2), on the service's own data source and tables ({@code
 * scheduled_tasks}, {@code jobs}, {@code job_files} from Flyway). Its threads are the bounded,
 * low-priority pool that runs every job.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobSettings.class)
class JobEngineConfiguration {

    /** The db-scheduler task every job runs as; the instance id is the job's id. */
    static final String JOB_TASK = "job";

    /** The recurring db-scheduler task that removes finished jobs past their retention. */
    static final String CLEANUP_TASK = "job-cleanup";

    /** How long a retry waits after an instance stopped or failed while running a job. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    /** How long stopping waits for interrupted jobs to hand their executions back. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    @Bean
    JobExecutor jobExecutor(
            ObjectProvider<JobKind<?, ?>> kinds,
            JobRepository repository,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        return new JobExecutor(kinds.orderedStream().toList(), repository, json, clock, meters, instanceName());
    }

    @Bean
    OneTimeTask<Void> jobTask(JobExecutor executor) {
        return Tasks.oneTime(JOB_TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_DELAY))
                .onDeadExecutionRevive()
                .execute((instance, context) -> executor.execute(UUID.fromString(instance.getId())));
    }

    @Bean
    RecurringTask<Void> jobCleanupTask(JobRepository repository, Clock clock, JobSettings settings) {
        return Tasks.recurring(CLEANUP_TASK, FixedDelay.of(settings.cleanupInterval()))
                .execute((instance, context) -> {
                    int removed =
                            repository.deleteFinishedBefore(clock.instant().minus(settings.retention()));
                    if (removed > 0) {
                        LoggerFactory.getLogger(JobEngineConfiguration.class)
                                .info("removed {} finished jobs older than {}", removed, settings.retention());
                    }
                });
    }

    @Bean
    Scheduler jobScheduler(
            DataSource dataSource,
            OneTimeTask<Void> jobTask,
            RecurringTask<Void> jobCleanupTask,
            JobSettings settings,
            JobExecutor executor) {
        int threads = settings.effectiveThreads();
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(jobTask))
                .startTasks(jobCleanupTask)
                .schedulerName(new SchedulerName.Fixed(instanceName()))
                .threads(threads)
                .executorService(lowPriorityPool(threads))
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .enableImmediateExecution()
                .shutdownMaxWait(SHUTDOWN_WAIT)
                .build();
    }

    @Bean
    Jobs jobs(
            JobRepository repository,
            JobExecutor executor,
            Scheduler jobScheduler,
            OneTimeTask<Void> jobTask,
            PlatformTransactionManager transactionManager,
            JsonMapper json,
            Clock clock,
            JobSettings settings,
            MeterRegistry meters) {
        Gauge.builder("neuromod.jobs.queued", repository, r -> r.count(JobStatus.QUEUED))
                .description("Jobs waiting in the database, on all instances")
                .register(meters);
        Gauge.builder("neuromod.jobs.running", repository, r -> r.count(JobStatus.RUNNING))
                .description("Jobs running, on all instances")
                .register(meters);
        Gauge.builder("neuromod.jobs.running.here", executor, JobExecutor::runningHere)
                .description("Jobs running on this instance")
                .register(meters);
        return new Jobs(repository, executor, jobScheduler, jobTask, transactionManager, json, clock, settings);
    }

    @Bean
    JobEngine jobEngine(Scheduler jobScheduler, JobExecutor executor, JobSettings settings) {
        return new JobEngine(jobScheduler, executor, settings.watchInterval());
    }

    /** Starts db-scheduler and the watcher with the application, and stops them before the database. */
    static final class JobEngine implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(JobEngine.class);

        private final Scheduler scheduler;
        private final JobExecutor executor;
        private final Duration watchInterval;
        private ScheduledExecutorService watcher;
        private volatile boolean running;

        JobEngine(Scheduler scheduler, JobExecutor executor, Duration watchInterval) {
            this.scheduler = scheduler;
            this.executor = executor;
            this.watchInterval = watchInterval;
        }

        @Override
        public void start() {
            scheduler.start();
            watcher = Executors.newSingleThreadScheduledExecutor(task -> {
                var thread = new Thread(task, "job-watcher");
                thread.setDaemon(true);
                return thread;
            });
            watcher.scheduleWithFixedDelay(
                    this::watch, watchInterval.toMillis(), watchInterval.toMillis(), TimeUnit.MILLISECONDS);
            running = true;
        }

        private void watch() {
            try {
                executor.watch();
            } catch (RuntimeException e) {
                log.warn("could not store job progress or read cancellations: {}", e.getMessage());
            }
        }

        @Override
        public void stop() {
            running = false;
            watcher.shutdownNow();
            executor.stop();
            scheduler.stop();
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    private static ExecutorService lowPriorityPool(int threads) {
        var counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            var thread = new Thread(task, "job-" + counter.incrementAndGet());
            thread.setDaemon(true);
            // honoured where the JVM maps priorities to the OS (on Linux only with -XX:ThreadPriorityPolicy=1)
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
