package org.neuromod.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The job engine on a real database: a job runs to its result on a job thread, reports progress,
 * attaches files, fails with its message, is cancelled while it runs, and is refused when too many
 * wait; finished jobs are removed after their retention. Subclasses choose the database.
 */
@SpringBootTest(properties = {"neuromod.jobs.threads=1", "neuromod.jobs.max-queued=2"})
@Import(JobsTest.TestKinds.class)
abstract class JobsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    Jobs jobs;

    @Autowired
    TestKind kind;

    @Autowired
    JobRepository repository;

    @Autowired
    MeterRegistry meters;

    @Test
    void aJobRunsToItsResultWithProgressAndFiles() {
        Job submitted = jobs.submit(kind, new TestRequest("count", 100));
        assertThat(submitted.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(submitted.kind()).isEqualTo("test");

        Job done = awaitFinished(submitted.id());

        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.progress()).isEqualTo(new JobProgress(100, 100));
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(jobs.result(kind, done)).contains(new TestResult(5050));
        assertThat(jobs.request(kind, done)).isEqualTo(new TestRequest("count", 100));
        assertThat(done.files()).containsExactly("sum.txt");
        JobFile file = jobs.file(kind, done.id(), "sum.txt").orElseThrow();
        assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("5050");
        assertThat(file.mediaType()).isEqualTo("text/plain");
        assertThat(meters.get("neuromod.jobs.duration")
                        .tag("kind", "test")
                        .tag("status", "done")
                        .timer()
                        .count())
                .isPositive();
        assertThat(meters.get("neuromod.jobs.queued").gauge().value()).isNotNegative();
    }

    @Test
    void aFailureKeepsItsMessage() {
        Job failed = awaitFinished(jobs.submit(kind, new TestRequest("fail", 1)).id());

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo(new JobError("asked to fail"));
        assertThat(failed.result()).isNull();
    }

    @Test
    void aRunningJobIsCancelledAndStops() throws InterruptedException {
        kind.reset();
        Job submitted = jobs.submit(kind, new TestRequest("block", 1));
        assertThat(kind.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Job cancelled = jobs.cancel(kind, submitted.id()).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(kind.stopped.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(jobs.cancel(kind, submitted.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(repository.find(submitted.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void tooManyWaitingJobsAreRefusedAndQueuedOnesCanBeCancelled() throws InterruptedException {
        kind.reset();
        Job blocking = jobs.submit(kind, new TestRequest("block", 1));
        assertThat(kind.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Job first = jobs.submit(kind, new TestRequest("count", 1));
        Job second = jobs.submit(kind, new TestRequest("count", 1));

        assertThatThrownBy(() -> jobs.submit(kind, new TestRequest("count", 1)))
                .isInstanceOfSatisfying(
                        JobQueueFull.class, full -> assertThat(full.limit()).isEqualTo(2));

        assertThat(jobs.cancel(kind, first.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        jobs.cancel(kind, blocking.id());
        assertThat(awaitFinished(second.id()).status()).isEqualTo(JobStatus.DONE);
        assertThat(repository.find(first.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void unknownJobsAreNotFound() {
        assertThat(jobs.find(kind, UUID.randomUUID())).isEmpty();
        assertThat(jobs.cancel(kind, UUID.randomUUID())).isEmpty();
    }

    @Test
    void finishedJobsAreRemovedAfterTheirRetention() {
        Job done = awaitFinished(jobs.submit(kind, new TestRequest("count", 3)).id());

        assertThat(repository.deleteFinishedBefore(done.finishedAt())).isNotNegative();
        assertThat(repository.find(done.id())).isPresent();
        repository.deleteFinishedBefore(Instant.now().plusSeconds(1));
        assertThat(repository.find(done.id())).isEmpty();
        assertThat(jobs.file(kind, done.id(), "sum.txt")).isEmpty();
    }

    private Job awaitFinished(UUID id) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Job job = jobs.find(kind, id).orElseThrow();
            if (job.status().finished()) {
                return job;
            }
            sleep(20);
        }
        throw new AssertionError("job " + id + " did not finish within " + PATIENCE);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record TestRequest(String mode, int steps) {}

    record TestResult(long sum) {}

    /** "count" sums 1..steps, "fail" fails, "block" runs until cancelled. */
    static final class TestKind implements JobKind<TestRequest, TestResult> {

        volatile CountDownLatch started = new CountDownLatch(1);
        volatile CountDownLatch stopped = new CountDownLatch(1);

        void reset() {
            started = new CountDownLatch(1);
            stopped = new CountDownLatch(1);
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public Class<TestRequest> requestType() {
            return TestRequest.class;
        }

        @Override
        public Class<TestResult> resultType() {
            return TestResult.class;
        }

        @Override
        public TestResult run(TestRequest request, JobContext context) throws InterruptedException {
            switch (request.mode()) {
                case "fail" -> throw new JobFailed("asked to fail");
                case "block" -> {
                    started.countDown();
                    try {
                        while (true) {
                            context.checkCancelled();
                            Thread.sleep(10);
                        }
                    } finally {
                        stopped.countDown();
                    }
                }
                default -> {
                    long sum = 0;
                    for (int i = 1; i <= request.steps(); i++) {
                        sum += i;
                        context.progress(i, request.steps());
                    }
                    context.attach("sum.txt", "text/plain", Long.toString(sum).getBytes(StandardCharsets.UTF_8));
                    return new TestResult(sum);
                }
            }
        }
    }

    /** Imported, not found by scanning: only this test registers the kind. */
    static class TestKinds {
        @Bean
        TestKind testKind() {
            return new TestKind();
        }
    }
}
