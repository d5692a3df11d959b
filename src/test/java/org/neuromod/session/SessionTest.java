package org.neuromod.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.InvalidParameters;
import org.neuromod.core.agent.baseline.Boltzmann;

/** The rules of the trial loop, without storage or HTTP. */
class SessionTest {

    private static final Instant NOW = Instant.parse("2024-08-15T10:00:00Z");
    private static final AgentType BOLTZMANN = Boltzmann.TYPE;

    private final Map<Integer, Trial> closed = new HashMap<>();

    private static Session start(long seed) {
        return Session.start(UUID.randomUUID(), BOLTZMANN, 3, Map.of(), seed, Labels.NONE, NOW);
    }

    private Session.Settled feedback(Session session, Feedback feedback) {
        Session.Settled settled = session.feedback(feedback, closed::get, NOW);
        closed.put(settled.trial().number(), settled.trial());
        return settled;
    }

    @Test
    void decisionsAreThoseOfAnAgentWithTheSameSeed() {
        Session session = start(42);
        Agent twin = BOLTZMANN.create(new AgentSetup(3, BOLTZMANN.resolve(Map.of()), 42));

        for (int trial = 1; trial <= 20; trial++) {
            Trial decided = session.act(0, Metadata.EMPTY, NOW).trial();
            int expected = twin.decide(0).action();
            assertThat(decided.action()).isEqualTo(expected);
            feedback(session, new Feedback(trial, trial % 2 == 0 ? 1.0 : 0.0, null, null, null));
            twin.learn(expected, trial % 2 == 0 ? 1.0 : 0.0, 0);
        }
    }

    @Test
    void actReturnsTheOpenTrialWithoutDrawingAgain() {
        Session session = start(1);
        Session.Acted first = session.act(0.5, Metadata.EMPTY, NOW);
        byte[] state = session.agentState();

        Session.Acted again = session.act(0, Metadata.EMPTY, NOW);

        assertThat(first.drawn()).isTrue();
        assertThat(again.drawn()).isFalse();
        assertThat(again.trial()).isSameAs(first.trial());
        assertThat(session.agentState()).isEqualTo(state);
        assertThat(session.trials()).isEqualTo(1);
    }

    @Test
    void aNoResponseTrialClosesWithoutLearningOrLikelihood() {
        Session session = start(2);
        session.act(0, Metadata.EMPTY, NOW);
        byte[] state = session.agentState();

        Session.Settled settled = feedback(session, new Feedback(1, null, null, null, null));

        assertThat(settled.effect()).isEqualTo(Session.Effect.CLOSED);
        assertThat(settled.trial().outcome().noResponse()).isTrue();
        assertThat(settled.trial().outcome().actionProbability()).isNull();
        assertThat(session.agentState()).isEqualTo(state);
        assertThat(session.logLikelihood()).isZero();
        assertThat(session.openTrial()).isNull();
    }

    @Test
    void aRepeatedFeedbackChangesNothingAndAConflictingOneIsRefused() {
        Session session = start(3);
        session.act(0, Metadata.EMPTY, NOW);
        Trial closedTrial =
                feedback(session, new Feedback(1, 1.0, null, null, null)).trial();
        byte[] state = session.agentState();
        double logLikelihood = session.logLikelihood();

        Session.Settled repeated = feedback(session, new Feedback(1, 1.0, null, null, null));

        assertThat(repeated.effect()).isEqualTo(Session.Effect.REPEATED);
        assertThat(repeated.trial()).isSameAs(closedTrial);
        assertThat(session.agentState()).isEqualTo(state);
        assertThat(session.logLikelihood()).isEqualTo(logLikelihood);
        assertThatThrownBy(() -> feedback(session, new Feedback(1, 0.0, null, null, null)))
                .isInstanceOf(TrialConflict.class);
    }

    @Test
    void feedbackForAnUnexpectedTrialNamesTheExpectedOne() {
        Session session = start(4);
        session.act(0, Metadata.EMPTY, NOW);

        assertThatThrownBy(() -> feedback(session, new Feedback(2, 1.0, 0, null, null)))
                .isInstanceOfSatisfying(
                        UnexpectedTrial.class,
                        e -> assertThat(e.expectedTrial()).isEqualTo(1));
        feedback(session, new Feedback(1, 1.0, null, null, null));
        assertThatThrownBy(() -> feedback(session, new Feedback(2, 1.0, null, null, null)))
                .isInstanceOfSatisfying(
                        UnexpectedTrial.class,
                        e -> assertThat(e.expectedTrial()).isEqualTo(2));
        assertThatThrownBy(() -> feedback(session, new Feedback(5, 1.0, 0, null, null)))
                .isInstanceOfSatisfying(
                        UnexpectedTrial.class,
                        e -> assertThat(e.expectedTrial()).isEqualTo(2));
    }

    @Test
    void aTrialTheSubjectChoseIsRecordedWithThePolicysProbability() {
        Session session = start(5);
        double[] policy =
                BOLTZMANN.restore(3, session.parameters(), session.agentState()).policy(0.5);

        Session.Settled settled = feedback(session, new Feedback(1, 1.0, 2, 0.5, null));

        assertThat(settled.effect()).isEqualTo(Session.Effect.RECORDED);
        assertThat(settled.trial().proposedAction()).isNull();
        assertThat(settled.trial().outcome().actionProbability()).isEqualTo(policy[2]);
        assertThat(session.logLikelihood()).isEqualTo(Math.log(policy[2]));
        assertThat(session.trials()).isEqualTo(1);
    }

    @Test
    void actionsOutsideTheArmsAndFeedbackThatContradictsItselfAreRefused() {
        Session session = start(6);
        session.act(0, Metadata.EMPTY, NOW);

        assertThatThrownBy(() -> feedback(session, new Feedback(1, 1.0, 3, null, null)))
                .isInstanceOf(ActionOutOfRange.class);
        assertThatThrownBy(() -> new Feedback(1, null, 1, null, null)).isInstanceOf(InvalidFeedback.class);
        assertThatThrownBy(() -> new Feedback(0, 1.0, null, null, null)).isInstanceOf(InvalidFeedback.class);
        assertThatThrownBy(() -> new Feedback(1, Double.NaN, null, null, null)).isInstanceOf(InvalidFeedback.class);
        assertThatThrownBy(() -> session.act(-1, Metadata.EMPTY, NOW)).isInstanceOf(InvalidStimulation.class);
        assertThatThrownBy(() -> feedback(session, new Feedback(1, 1.0, null, 0.5, null)))
                .isInstanceOf(TrialConflict.class);
        assertThat(session.openTrial()).isNotNull();
    }

    @Test
    void theLogLikelihoodOfAnImpossibleActionIsFloored() {
        assertThat(Session.logProbability(0)).isEqualTo(Math.log(1e-300));
        assertThat(Session.logProbability(1e-320)).isEqualTo(Math.log(1e-300));
        assertThat(Session.logProbability(0.5)).isEqualTo(Math.log(0.5));
    }

    @Test
    void parametersAreValidatedAndOraclesRefused() {
        assertThatThrownBy(() -> Session.start(
                        UUID.randomUUID(), BOLTZMANN, 2, Map.of("learningRate", 2.0), 1, Labels.NONE, NOW))
                .isInstanceOf(InvalidParameters.class);
        AgentCatalog.all().stream()
                .filter(AgentType::simulationOnly)
                .forEach(oracle -> assertThatThrownBy(
                                () -> Session.start(UUID.randomUUID(), oracle, 2, Map.of(), 1, Labels.NONE, NOW))
                        .isInstanceOf(SimulationOnlyAgent.class));
    }
}
