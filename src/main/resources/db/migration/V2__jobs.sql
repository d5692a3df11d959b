-- Jobs (experiments, fits) and the executions of db-scheduler that run them. Portable SQL: runs
-- unchanged on H2 2.x and PostgreSQL (TEXT is a CLOB on H2 and text on PostgreSQL).

CREATE TABLE jobs (
    id             UUID PRIMARY KEY,
    kind           VARCHAR(64) NOT NULL,
    status         VARCHAR(16) NOT NULL,
    progress_done  BIGINT NOT NULL,
    progress_total BIGINT NOT NULL,
    request        TEXT NOT NULL,
    result         TEXT,
    error          VARCHAR,
    attempts       INTEGER NOT NULL,
    owner          VARCHAR(255),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE,
    finished_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX jobs_by_status ON jobs (status);
CREATE INDEX jobs_by_finish ON jobs (finished_at);

-- Files a job attached to its result (CSV tables, plots), removed with their job.
CREATE TABLE job_files (
    job_id     UUID NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    name       VARCHAR(128) NOT NULL,
    media_type VARCHAR(128) NOT NULL,
    content    BYTEA NOT NULL,
    PRIMARY KEY (job_id, name)
);

-- db-scheduler's executions (its documented schema, in portable types).
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(255) NOT NULL,
    task_instance        VARCHAR(255) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            VARCHAR(255),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority DESC, execution_time ASC);
