package org.neuromod.job.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.neuromod.job.Job;
import org.neuromod.job.JobError;
import org.neuromod.job.JobFile;
import org.neuromod.job.JobProgress;
import org.neuromod.job.JobRepository;
import org.neuromod.job.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Jobs in the {@code jobs} and {@code job_files} tables, with plain SQL that H2 and PostgreSQL
 * both run. Every write runs in a transaction of the service's transaction manager, which makes
 * it durable on H2 before it returns.
 */
@Repository
class JdbcJobRepository implements JobRepository {

    private static final String RUNNING = JobStatus.RUNNING.jsonName();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    JdbcJobRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void insert(UUID id, String kind, String request, Instant createdAt) {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO jobs (id, kind, status, progress_done, progress_total, request, attempts,
                            created_at)
                        VALUES (?, ?, ?, 0, 0, ?, 0, ?)""")
                .params(id, kind, JobStatus.QUEUED.jsonName(), request, time(createdAt))
                .update());
    }

    @Override
    public Optional<Job> find(UUID id) {
        Optional<Job> job = jdbc.sql("""
                        SELECT id, kind, status, progress_done, progress_total, request, result, error, attempts,
                            created_at, started_at, finished_at
                        FROM jobs WHERE id = ?""")
                .param(id)
                .query((row, number) -> job(row, List.of()))
                .optional();
        if (job.isEmpty() || job.get().status() != JobStatus.DONE) {
            return job;
        }
        List<String> files = jdbc.sql("SELECT name FROM job_files WHERE job_id = ? ORDER BY name")
                .param(id)
                .query(String.class)
                .list();
        Job found = job.get();
        return Optional.of(new Job(
                found.id(),
                found.kind(),
                found.status(),
                found.progress(),
                found.request(),
                found.result(),
                found.error(),
                files,
                found.attempts(),
                found.createdAt(),
                found.startedAt(),
                found.finishedAt()));
    }

    @Override
    public long count(JobStatus status) {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE status = ?")
                .param(status.jsonName())
                .query(Long.class)
                .single();
    }

    @Override
    public OptionalInt start(UUID id, String owner, Instant now) {
        return transactions.execute(status -> {
            int updated = jdbc.sql("""
                            UPDATE jobs SET status = ?, attempts = attempts + 1, owner = ?, started_at = ?
                            WHERE id = ? AND status IN (?, ?)""")
                    .params(RUNNING, owner, time(now), id, JobStatus.QUEUED.jsonName(), RUNNING)
                    .update();
            if (updated == 0) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(jdbc.sql("SELECT attempts FROM jobs WHERE id = ?")
                    .param(id)
                    .query(Integer.class)
                    .single());
        });
    }

    @Override
    public void progress(UUID id, int attempt, JobProgress progress) {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        UPDATE jobs SET progress_done = ?, progress_total = ?
                        WHERE id = ? AND status = ? AND attempts = ?""")
                .params(progress.done(), progress.total(), id, RUNNING, attempt)
                .update());
    }

    @Override
    public boolean complete(
            UUID id, int attempt, String result, JobProgress progress, List<JobFile> files, Instant now) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            int updated = jdbc.sql("""
                            UPDATE jobs SET status = ?, result = ?, progress_done = ?, progress_total = ?,
                                finished_at = ?
                            WHERE id = ? AND status = ? AND attempts = ?""")
                    .params(
                            JobStatus.DONE.jsonName(),
                            result,
                            progress.done(),
                            progress.total(),
                            time(now),
                            id,
                            RUNNING,
                            attempt)
                    .update();
            if (updated == 0) {
                return false;
            }
            for (JobFile file : files) {
                jdbc.sql("INSERT INTO job_files (job_id, name, media_type, content) VALUES (?, ?, ?, ?)")
                        .params(id, file.name(), file.mediaType(), file.content())
                        .update();
            }
            return true;
        }));
    }

    @Override
    public boolean fail(UUID id, int attempt, JobError error, Instant now) {
        return Boolean.TRUE.equals(transactions.execute(status -> jdbc.sql("""
                                UPDATE jobs SET status = ?, error = ?, finished_at = ?
                                WHERE id = ? AND status = ? AND attempts = ?""")
                        .params(JobStatus.FAILED.jsonName(), error.detail(), time(now), id, RUNNING, attempt)
                        .update()
                == 1));
    }

    @Override
    public boolean cancel(UUID id, Instant now) {
        return Boolean.TRUE.equals(transactions.execute(status -> jdbc.sql("""
                                UPDATE jobs SET status = ?, finished_at = ?
                                WHERE id = ? AND status IN (?, ?)""")
                        .params(JobStatus.CANCELLED.jsonName(), time(now), id, JobStatus.QUEUED.jsonName(), RUNNING)
                        .update()
                == 1));
    }

    @Override
    public Set<UUID> notRunning(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<UUID> stillRunning = new HashSet<>(jdbc.sql("SELECT id FROM jobs WHERE status = ? AND id IN (:ids)"
                        .replace(":ids", placeholders(ids.size())))
                .params(parameters(RUNNING, ids))
                .query(UUID.class)
                .list());
        Set<UUID> gone = new HashSet<>(ids);
        gone.removeAll(stillRunning);
        return gone;
    }

    @Override
    public Optional<JobFile> file(UUID id, String name) {
        return jdbc.sql("SELECT name, media_type, content FROM job_files WHERE job_id = ? AND name = ?")
                .params(id, name)
                .query((row, number) ->
                        new JobFile(row.getString("name"), row.getString("media_type"), row.getBytes("content")))
                .optional();
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return transactions.execute(status -> jdbc.sql("DELETE FROM jobs WHERE finished_at < ?")
                .param(time(cutoff))
                .update());
    }

    private static Job job(ResultSet row, List<String> files) throws SQLException {
        String error = row.getString("error");
        return new Job(
                row.getObject("id", UUID.class),
                row.getString("kind"),
                JobStatus.ofJsonName(row.getString("status")),
                new JobProgress(row.getLong("progress_done"), row.getLong("progress_total")),
                row.getString("request"),
                row.getString("result"),
                error == null ? null : new JobError(error),
                files,
                row.getInt("attempts"),
                instant(row, "created_at"),
                instant(row, "started_at"),
                instant(row, "finished_at"));
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static List<Object> parameters(Object first, Collection<UUID> ids) {
        var parameters = new ArrayList<Object>(ids.size() + 1);
        parameters.add(first);
        parameters.addAll(ids);
        return parameters;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
