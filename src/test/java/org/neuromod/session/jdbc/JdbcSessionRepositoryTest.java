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

/** The SQL of sessions and trials, on the migrated schema (embedded H2). */
@JdbcTest
@Import(JdbcSessionRepository.class)
class JdbcSessionRepositoryTest {

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
        repository.insertTrial(session.id(), trial);
        assertThat(repository.update(session)).isTrue();

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
        repository.insertTrial(session.id(), first.act(0, Metadata.EMPTY, NOW).trial());
        second.act(0, Metadata.EMPTY, NOW);

        assertThat(repository.update(first)).isTrue();
        assertThat(repository.update(second)).isFalse();
        assertThat(reload(session).version()).isEqualTo(1);
    }

    @Test
    void aTrialIsStoredOnceAndClosedOnce() {
        Session session = stored(Labels.NONE);
        Trial trial = session.act(0, Metadata.EMPTY, NOW).trial();
        repository.insertTrial(session.id(), trial);
        repository.update(session);

        assertThatThrownBy(() -> repository.insertTrial(session.id(), trial)).isInstanceOf(DuplicateKeyException.class);

        Session loaded = reload(session);
        Trial closed = loaded.feedback(new Feedback(1, 1.0, null, null, null), number -> null, NOW)
                .trial();
        assertThat(repository.closeTrial(session.id(), closed)).isTrue();
        assertThat(repository.closeTrial(session.id(), closed)).isFalse();
        Trial read = repository.findTrial(session.id(), 1).orElseThrow();
        assertThat(read.outcome())
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(closed.outcome());
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

        repository.insertTrials(session.id(), trials);
        assertThat(repository.update(session)).isTrue();

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
        assertThatThrownBy(() -> repository.insertTrials(session.id(), trials.subList(19, 20)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void listsByLabelInPagesAndDeletesWithTrials() {
        String subject = "s" + UUID.randomUUID();
        Session a = stored(Labels.of(Map.of("subject", subject, "rig", "1")));
        Session b = stored(Labels.of(Map.of("subject", subject, "rig", "2")));
        stored(Labels.of(Map.of("subject", "other")));
        repository.insertTrial(a.id(), a.act(0, Metadata.EMPTY, NOW).trial());

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
