package org.neuromod.session.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.baseline.Boltzmann;
import org.neuromod.session.Batch;
import org.neuromod.session.BatchStep;
import org.neuromod.session.Feedback;
import org.neuromod.session.Labels;
import org.neuromod.session.Metadata;
import org.neuromod.session.Page;
import org.neuromod.session.Session;
import org.neuromod.session.SessionSummary;
import org.neuromod.session.Trial;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SQL of sessions and trials, on the migrated schema; subclasses choose the database. Tests run
 * outside a transaction, so that every write commits or rolls back on its own, as in the service.
 */
@JdbcTest
@Import(JdbcSessionRepository.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class JdbcSessionRepositoryTest {

    private static final Instant NOW = Instant.parse("2024-08-15T10:00:00.123456Z");

    @Autowired
    JdbcSessionRepository repository;

    private Session stored(Labels labels) {
        Session session =
                Session.start(UUID.randomUUID(), Boltzmann.TYPE, 2, Map.of("temperature", 0.5), 9, labels, NOW);
        repository.insert(session);
        return session;
    }

    private Session reload(Session session) {
        return repository.find(session.id()).orElseThrow();
    }

    @Test
    void storesASessionAndReadsItBack() {
        Session session = stored(Labels.of(Map.of("subject", "m17")));

        SessionSummary summary = repository.findSummary(session.id()).orElseThrow();

        assertThat(summary).isEqualTo(session.summary());
        Session loaded = reload(session);
        assertThat(loaded.agentState()).isEqualTo(session.agentState());
        assertThat(loaded.version()).isZero();
        assertThat(loaded.openTrial()).isNull();
    }

    @Test
    void anOpenTrialIsLoadedWithItsSessionAndSurvivesTheRoundTripExactly() {
        Session session = stored(Labels.NONE);
        Trial trial = session.act(0.25, Metadata.of(Map.of("rig", "b3", "t", 1.5)), NOW)
                .trial();
        assertThat(repository.storeAdded(session, List.of(trial))).isTrue();

        Session loaded = reload(session);

        Trial open = loaded.openTrial();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.trials()).isEqualTo(1);
        assertThat(open.number()).isEqualTo(1);
        assertThat(open.action()).isEqualTo(trial.action());
        assertThat(open.probabilities()).isEqualTo(trial.probabilities());
        assertThat(open.signals().values()).isEqualTo(trial.signals().values());
        assertThat(open.signals().expectedUncertainty()).isNaN();
        assertThat(open.stimulation()).isEqualTo(0.25);
        assertThat(open.actMetadata()).isEqualTo(trial.actMetadata());
        assertThat(open.actedAt()).isEqualTo(NOW);
        assertThat(loaded.agentState()).isEqualTo(session.agentState());
    }

    @Test
    void aStaleVersionWritesNothing() {
        Session session = stored(Labels.NONE);
        Session first = reload(session);
        Session second = reload(session);
        Trial firstTrial = first.act(0, Metadata.EMPTY, NOW).trial();
        Trial secondTrial = second.act(0.5, Metadata.EMPTY, NOW).trial();

        assertThat(repository.storeAdded(first, List.of(firstTrial))).isTrue();
        assertThat(repository.storeAdded(second, List.of(secondTrial))).isFalse();

        Session loaded = reload(session);
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.openTrial().stimulation()).isZero();
        assertThat(loaded.agentState()).isEqualTo(first.agentState());
    }

    @Test
    void aStaleVersionClosesNothing() {
        Session session = stored(Labels.NONE);
        repository.storeAdded(
                session, List.of(session.act(0, Metadata.EMPTY, NOW).trial()));
        Session first = reload(session);
        Session second = reload(session);
        Trial closedByFirst = first.feedback(new Feedback(1, 1.0, null, null, null), number -> null, NOW)
                .trial();
        Trial closedBySecond = second.feedback(new Feedback(1, 0.0, null, null, null), number -> null, NOW)
                .trial();

        assertThat(repository.storeClosed(first, closedByFirst)).isTrue();
        assertThat(repository.storeClosed(second, closedBySecond)).isFalse();

        Session loaded = reload(session);
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(loaded.openTrial()).isNull();
        assertThat(loaded.logLikelihood()).isEqualTo(first.logLikelihood());
        assertThat(repository.findTrial(session.id(), 1).orElseThrow().outcome().reward())
                .isEqualTo(1.0);
    }

    @Test
    void aTrialIsStoredOnceAndClosedOnce() {
        Session session = stored(Labels.NONE);
        Trial trial = session.act(0, Metadata.EMPTY, NOW).trial();
        assertThat(repository.storeAdded(session, List.of(trial))).isTrue();

        Session loaded = reload(session);
        assertThatThrownBy(() -> repository.storeAdded(loaded, List.of(trial)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(reload(session).version()).as("nothing written").isEqualTo(1);

        Trial closed = loaded.feedback(new Feedback(1, 1.0, null, null, null), number -> null, NOW)
                .trial();
        assertThat(repository.storeClosed(loaded, closed)).isTrue();
        assertThat(repository.storeClosed(loaded, closed))
                .as("the version moved on")
                .isFalse();
        Trial read = repository.findTrial(session.id(), 1).orElseThrow();
        assertThat(read.outcome())
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(closed.outcome());
        Session after = reload(session);
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.openTrial()).isNull();
        assertThat(after.logLikelihood()).isEqualTo(closed.outcome().logLikelihood());
    }

    @Test
    void theTrialsOfABatchAreStoredTogetherAndReadBackByRange() {
        Session session = stored(Labels.NONE);
        var steps = new ArrayList<BatchStep>();
        for (int i = 0; i < 20; i++) {
            steps.add(
                    i % 4 == 3
                            ? new BatchStep.SubjectChoice(i % 2, 0.5, 0.125, Metadata.of(Map.of("step", i)))
                            : new BatchStep.AgentChoice(new double[] {i, -i}, 0, Metadata.EMPTY));
        }
        List<Trial> trials = session.batch(new Batch(1, steps), (first, last) -> List.of(), NOW)
                .trials();

        assertThat(repository.storeAdded(session, trials)).isTrue();

        List<Trial> range = repository.findTrials(session.id(), 5, 9);
        assertThat(range)
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(trials.subList(4, 9));
        assertThat(repository.findTrials(session.id(), 18, 25))
                .extracting(Trial::number)
                .containsExactly(18, 19, 20);
        assertThat(repository.trials(session.id(), 0, 100).total()).isEqualTo(20);
        assertThat(reload(session).logLikelihood())
                .isEqualTo(trials.getLast().outcome().logLikelihood());
        Session loaded = reload(session);
        assertThatThrownBy(() -> repository.storeAdded(loaded, trials.subList(18, 20)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(reload(session).version()).as("nothing written").isEqualTo(1);
    }

    @Test
    void listsByLabelInPagesAndDeletesWithTrials() {
        String subject = "s" + UUID.randomUUID();
        Session a = stored(Labels.of(Map.of("subject", subject, "rig", "1")));
        Session b = stored(Labels.of(Map.of("subject", subject, "rig", "2")));
        stored(Labels.of(Map.of("subject", "other")));
        repository.storeAdded(a, List.of(a.act(0, Metadata.EMPTY, NOW).trial()));

        Page<SessionSummary> page = repository.list(Map.of("subject", subject), 0, 10);
        Page<SessionSummary> both = repository.list(Map.of("subject", subject, "rig", "2"), 0, 10);
        Page<SessionSummary> second = repository.list(Map.of("subject", subject), 1, 1);

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(SessionSummary::id).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(both.items()).extracting(SessionSummary::id).containsExactly(b.id());
        assertThat(second.items()).hasSize(1);
        assertThat(second.total()).isEqualTo(2);

        assertThat(repository.delete(a.id())).isTrue();
        assertThat(repository.delete(a.id())).isFalse();
        assertThat(repository.findTrial(a.id(), 1)).isEmpty();
        assertThat(repository.list(Map.of("subject", subject), 0, 10).total()).isEqualTo(1);
    }
}
