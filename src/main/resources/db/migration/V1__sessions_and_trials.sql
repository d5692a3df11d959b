-- Sessions, their labels and every trial. Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
-- JSON documents are stored as text; the service never queries inside them.

CREATE TABLE sessions (
    id             UUID PRIMARY KEY,
    agent          VARCHAR(100) NOT NULL,
    arms           INTEGER NOT NULL,
    parameters     VARCHAR NOT NULL,
    seed           BIGINT NOT NULL,
    labels         VARCHAR NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    trials         INTEGER NOT NULL,
    open_trial     INTEGER,
    log_likelihood DOUBLE PRECISION NOT NULL,
    agent_state    BYTEA NOT NULL,
    version        BIGINT NOT NULL
);

CREATE INDEX sessions_created ON sessions (created_at, id);

-- One row per label, so that sessions can be filtered by label with an index.
CREATE TABLE session_labels (
    session_id  UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    label_key   VARCHAR(64) NOT NULL,
    label_value VARCHAR(256) NOT NULL,
    PRIMARY KEY (session_id, label_key)
);

CREATE INDEX session_labels_by_value ON session_labels (label_key, label_value);

-- The trial number is the key: inserting (session_id, trial) twice fails, so a trial is never
-- applied twice, even by two service instances sharing one database.
CREATE TABLE trials (
    session_id         UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    trial              INTEGER NOT NULL,
    action             INTEGER NOT NULL,
    proposed_action    INTEGER,
    probabilities      VARCHAR NOT NULL,
    decision_signals   VARCHAR NOT NULL,
    stimulation        DOUBLE PRECISION NOT NULL,
    act_metadata       VARCHAR NOT NULL,
    acted_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    reward             DOUBLE PRECISION,
    no_response        BOOLEAN NOT NULL,
    prediction_error   DOUBLE PRECISION,
    action_probability DOUBLE PRECISION,
    log_likelihood     DOUBLE PRECISION,
    learning_signals   VARCHAR,
    feedback_metadata  VARCHAR,
    closed_at          TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (session_id, trial)
);
