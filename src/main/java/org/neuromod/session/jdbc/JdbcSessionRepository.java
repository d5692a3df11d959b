package org.neuromod.session.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentType;
import org.neuromod.session.Outcome;
import org.neuromod.session.Page;
import org.neuromod.session.Session;
import org.neuromod.session.SessionRepository;
import org.neuromod.session.SessionSummary;
import org.neuromod.session.Trial;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions and trials in the tables of {@code db/migration}, with plain SQL that H2 and PostgreSQL
 * both run. On PostgreSQL a single trial and its session's progress are stored in one statement (a
 * data-modifying {@code WITH}), which needs no transaction around it: one round trip and one
 * commit per act or feedback. Elsewhere they are two statements in one transaction.
 */
@Repository
class JdbcSessionRepository implements SessionRepository {

    private static final String SUMMARY_COLUMNS =
            "s.id, s.agent, s.arms, s.parameters, s.seed, s.labels, s.created_at, s.trials, s.open_trial,"
                    + " s.log_likelihood AS session_log_likelihood";

    private static final String TRIAL_COLUMNS =
            "t.trial, t.action, t.proposed_action, t.probabilities, t.decision_signals, t.stimulation,"
                    + " t.act_metadata, t.acted_at, t.reward, t.no_response, t.prediction_error,"
                    + " t.action_probability, t.log_likelihood, t.learning_signals, t.feedback_metadata, t.closed_at";

    private static final String TRIAL_COLUMN_NAMES = """
            session_id, trial, action, proposed_action, probabilities, decision_signals, stimulation,
                act_metadata, acted_at, reward, no_response, prediction_error, action_probability,
                log_likelihood, learning_signals, feedback_metadata, closed_at""";

    private static final String INSERT_TRIAL = "INSERT INTO trials (" + TRIAL_COLUMN_NAMES + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A session's progress, stored only over the version it was loaded at. */
    private static final String UPDATE_SESSION = """
            UPDATE sessions SET trials = ?, open_trial = ?, log_likelihood = ?, agent_state = ?,
                version = version + 1
            WHERE id = ? AND version = ?""";

    /** {@link #UPDATE_SESSION} for a write that closes the trial the session has open. */
    private static final String UPDATE_SESSION_CLOSING = UPDATE_SESSION + " AND open_trial = ?";

    private static final String OUTCOME_COLUMNS = """
            action = ?, reward = ?, no_response = ?, prediction_error = ?, action_probability = ?,
                log_likelihood = ?, learning_signals = ?, feedback_metadata = ?, closed_at = ?""";

    private static final String CLOSE_TRIAL =
            "UPDATE trials SET " + OUTCOME_COLUMNS + " WHERE session_id = ? AND trial = ? AND closed_at IS NULL";

    /**
     * {@link #UPDATE_SESSION} and {@link #INSERT_TRIAL} as one statement of PostgreSQL, so one
     * round trip and one commit: the trial is inserted only from the session row the update
     * returns, and the casts give the parameters the types that a VALUES list would take from the
     * columns.
     */
    static final String POSTGRES_STORE_ADDED = "WITH stored AS (" + UPDATE_SESSION + " RETURNING id)"
            + " INSERT INTO trials (" + TRIAL_COLUMN_NAMES + ")"
            + """
             SELECT stored.id, CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER),
                CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS DOUBLE PRECISION), CAST(? AS VARCHAR),
                CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS DOUBLE PRECISION), CAST(? AS BOOLEAN),
                CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),
                CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE)
            FROM stored""";

    /**
     * {@link #UPDATE_SESSION} (with the trial still open) and {@link #CLOSE_TRIAL} as one statement
     * of PostgreSQL: the trial is closed only if the update stored the session. A session at its
     * version with the trial open has that trial open in its row, as every write stores both. The
     * trial is found by its key alone, not through a join with the update's row, so that a plan
     * cached while the table was small cannot scan the whole table.
     */
    static final String POSTGRES_STORE_CLOSED = "WITH stored AS (" + UPDATE_SESSION_CLOSING + " RETURNING id) "
            + CLOSE_TRIAL + " AND EXISTS (SELECT 1 FROM stored)";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    /** Whether the database is PostgreSQL, which stores a trial and its session in one statement. */
    private final boolean postgres;

    private final JsonColumns json = new JsonColumns();

    JdbcSessionRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager)
            throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = new TransactionTemplate(transactionManager);
        this.postgres = "PostgreSQL"
                .equals(JdbcUtils.extractDatabaseMetaData(
                        jdbcTemplate.getDataSource(), DatabaseMetaData::getDatabaseProductName));
    }

    @Override
    public void insert(Session session) {
        jdbc.sql("""
                        INSERT INTO sessions (id, agent, arms, parameters, seed, labels, created_at, trials,
                            open_trial, log_likelihood, agent_state, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(
                        session.id(),
                        session.agentType().name(),
                        session.arms(),
                        json.object(session.parameters().asMap()),
                        session.seed(),
                        json.labels(session.labels()),
                        timestamp(session.createdAt()),
                        session.trials(),
                        session.openTrial() != null ? session.openTrial().number() : null,
                        session.logLikelihood(),
                        session.agentState())
                .update();
        session.labels()
                .values()
                .forEach((key, value) -> jdbc.sql(
                                "INSERT INTO session_labels (session_id, label_key, label_value) VALUES (?, ?, ?)")
                        .params(session.id(), key, value)
                        .update());
    }

    @Override
    public Optional<Session> find(UUID id) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", s.agent_state, s.version, " + TRIAL_COLUMNS
                        + " FROM sessions s LEFT JOIN trials t ON t.session_id = s.id AND t.trial = s.open_trial"
                        + " WHERE s.id = ?")
                .param(id)
                .query((rs, row) -> session(rs))
                .optional();
    }

    @Override
    public Optional<SessionSummary> findSummary(UUID id) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM sessions s WHERE s.id = ?")
                .param(id)
                .query((rs, row) -> summary(rs))
                .optional();
    }

    @Override
    public Page<SessionSummary> list(Map<String, String> labels, long offset, int limit) {
        var where = new StringBuilder();
        var params = new ArrayList<Object>();
        labels.forEach((key, value) -> {
            where.append(where.isEmpty() ? " WHERE" : " AND")
                    .append(" EXISTS (SELECT 1 FROM session_labels l WHERE l.session_id = s.id")
                    .append(" AND l.label_key = ? AND l.label_value = ?)");
            params.add(key);
            params.add(value);
        });
        long total = jdbc.sql("SELECT COUNT(*) FROM sessions s" + where)
                .params(params)
                .query(Long.class)
                .single();
        var pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        List<SessionSummary> items = jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM sessions s" + where
                        + " ORDER BY s.created_at, s.id LIMIT ? OFFSET ?")
                .params(pageParams)
                .query((rs, row) -> summary(rs))
                .list();
        return new Page<>(items, total);
    }

    @Override
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM sessions").query(Long.class).single();
    }

    @Override
    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM sessions WHERE id = ?").param(id).update() == 1;
    }

    @Override
    public boolean storeAdded(Session session, List<Trial> added) {
        if (postgres && added.size() == 1) {
            return jdbc.sql(POSTGRES_STORE_ADDED)
                            .params(concat(sessionProgress(session), trialValues(added.getFirst())))
                            .update()
                    == 1;
        }
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!update(UPDATE_SESSION, sessionProgress(session))) {
                return false;
            }
            // one batch of statements: a single round trip to PostgreSQL instead of one per trial
            jdbcTemplate.batchUpdate(
                    INSERT_TRIAL,
                    added.stream()
                            .map(trial -> concat(new Object[] {session.id()}, trialValues(trial)))
                            .toList());
            return true;
        }));
    }

    @Override
    public boolean storeClosed(Session session, Trial closed) {
        if (postgres) {
            return jdbc.sql(POSTGRES_STORE_CLOSED)
                            .params(concat(
                                    sessionProgress(session),
                                    new Object[] {closed.number()},
                                    outcomeValues(closed),
                                    new Object[] {session.id(), closed.number()}))
                            .update()
                    == 1;
        }
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (update(UPDATE_SESSION_CLOSING, sessionProgress(session), closed.number())
                    && jdbc.sql(CLOSE_TRIAL)
                                    .params(concat(outcomeValues(closed), new Object[] {session.id(), closed.number()}))
                                    .update()
                            == 1) {
                return true;
            }
            status.setRollbackOnly();
            return false;
        }));
    }

    /** Updates a session's row if the condition holds, for a write in a transaction. */
    private boolean update(String sql, Object[] progress, Object... condition) {
        return jdbc.sql(sql).params(concat(progress, condition)).update() == 1;
    }

    /** The parameters of {@link #UPDATE_SESSION}: the new progress, then the id and version it is stored over. */
    private static Object[] sessionProgress(Session session) {
        return new Object[] {
            session.trials(),
            session.openTrial() != null ? session.openTrial().number() : null,
            session.logLikelihood(),
            session.agentState(),
            session.id(),
            session.version()
        };
    }

    private static Object[] concat(Object[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray();
    }

    /** The values of a trial's columns, in the order of {@link #INSERT_TRIAL} after the session id. */
    private Object[] trialValues(Trial trial) {
        Outcome outcome = trial.outcome();
        return new Object[] {
            trial.number(),
            trial.action(),
            trial.proposedAction(),
            json.doubles(trial.probabilities()),
            json.signals(trial.signals()),
            trial.stimulation(),
            json.metadata(trial.actMetadata()),
            timestamp(trial.actedAt()),
            outcome != null ? outcome.reward() : null,
            outcome != null && outcome.noResponse(),
            outcome != null ? outcome.predictionError() : null,
            outcome != null ? outcome.actionProbability() : null,
            outcome != null ? outcome.logLikelihood() : null,
            outcome != null ? json.signals(outcome.signals()) : null,
            outcome != null ? json.metadata(outcome.metadata()) : null,
            outcome != null ? timestamp(outcome.closedAt()) : null
        };
    }

    /** The values of {@link #CLOSE_TRIAL}'s outcome columns. */
    private Object[] outcomeValues(Trial trial) {
        Outcome outcome = trial.outcome();
        return new Object[] {
            outcome.action(),
            outcome.reward(),
            outcome.noResponse(),
            outcome.predictionError(),
            outcome.actionProbability(),
            outcome.logLikelihood(),
            json.signals(outcome.signals()),
            json.metadata(outcome.metadata()),
            timestamp(outcome.closedAt())
        };
    }

    @Override
    public Optional<Trial> findTrial(UUID sessionId, int trial) {
        return jdbc.sql("SELECT " + TRIAL_COLUMNS + " FROM trials t WHERE t.session_id = ? AND t.trial = ?")
                .params(sessionId, trial)
                .query((rs, row) -> trial(rs))
                .optional();
    }

    @Override
    public List<Trial> findTrials(UUID sessionId, int first, int last) {
        return jdbc.sql("SELECT " + TRIAL_COLUMNS
                        + " FROM trials t WHERE t.session_id = ? AND t.trial BETWEEN ? AND ? ORDER BY t.trial")
                .params(sessionId, first, last)
                .query((rs, row) -> trial(rs))
                .list();
    }

    @Override
    public Page<Trial> trials(UUID sessionId, long offset, int limit) {
        long total = jdbc.sql("SELECT trials FROM sessions WHERE id = ?")
                .param(sessionId)
                .query(Long.class)
                .optional()
                .orElse(0L);
        List<Trial> items = jdbc.sql("SELECT " + TRIAL_COLUMNS
                        + " FROM trials t WHERE t.session_id = ? ORDER BY t.trial LIMIT ? OFFSET ?")
                .params(sessionId, limit, offset)
                .query((rs, row) -> trial(rs))
                .list();
        return new Page<>(items, total);
    }

    @Override
    public void forEachTrial(UUID sessionId, long offset, long limit, Consumer<Trial> sink) {
        jdbc.sql("SELECT " + TRIAL_COLUMNS + " FROM trials t WHERE t.session_id = ? ORDER BY t.trial LIMIT ? OFFSET ?")
                .params(sessionId, limit, offset)
                .query(rs -> {
                    sink.accept(trial(rs));
                });
    }

    private Session session(ResultSet rs) throws SQLException {
        AgentType type = agentType(rs.getString("agent"));
        rs.getInt("open_trial");
        Trial openTrial = rs.wasNull() ? null : trial(rs);
        return Session.restore(
                rs.getObject("id", UUID.class),
                type,
                rs.getInt("arms"),
                type.resolve(json.object(rs.getString("parameters"))),
                rs.getLong("seed"),
                json.labels(rs.getString("labels")),
                instant(rs, "created_at"),
                rs.getLong("version"),
                rs.getInt("trials"),
                openTrial,
                rs.getDouble("session_log_likelihood"),
                rs.getBytes("agent_state"));
    }

    private SessionSummary summary(ResultSet rs) throws SQLException {
        int openTrial = rs.getInt("open_trial");
        Integer open = rs.wasNull() ? null : openTrial;
        return new SessionSummary(
                rs.getObject("id", UUID.class),
                rs.getString("agent"),
                rs.getInt("arms"),
                json.object(rs.getString("parameters")),
                rs.getLong("seed"),
                json.labels(rs.getString("labels")),
                instant(rs, "created_at"),
                rs.getInt("trials"),
                open,
                rs.getDouble("session_log_likelihood"));
    }

    private Trial trial(ResultSet rs) throws SQLException {
        Outcome outcome = null;
        Instant closedAt = instant(rs, "closed_at");
        if (closedAt != null) {
            outcome = new Outcome(
                    rs.getInt("action"),
                    nullableDouble(rs, "reward"),
                    nullableDouble(rs, "prediction_error"),
                    nullableDouble(rs, "action_probability"),
                    rs.getDouble("log_likelihood"),
                    json.signals(rs.getString("learning_signals")),
                    json.metadata(rs.getString("feedback_metadata")),
                    closedAt);
        }
        int proposed = rs.getInt("proposed_action");
        Integer proposedAction = rs.wasNull() ? null : proposed;
        return Trial.restore(
                rs.getInt("trial"),
                proposedAction,
                json.doubles(rs.getString("probabilities")),
                json.signals(rs.getString("decision_signals")),
                rs.getDouble("stimulation"),
                json.metadata(rs.getString("act_metadata")),
                instant(rs, "acted_at"),
                outcome);
    }

    private static AgentType agentType(String name) {
        return AgentCatalog.find(name)
                .orElseThrow(() ->
                        new IllegalStateException("stored session of agent '" + name + "', which this build lacks"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
