package org.neuromod.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.baseline.Boltzmann;

/** Batches in the domain: the same trials as the steps sent one by one, exactly once, all or nothing. */
class SessionBatchTest {

    private static final Instant NOW = Instant.parse("2024-08-15T10:00:00Z");
    private static final int ARMS = 4;

    /** A session's trials as a store would keep them, for the look-ups of a batch or a feedback. */
    private static final class Store {
        final Map<Integer, Trial> trials = new HashMap<>();

        Session.StoredTrials range() {
            return (first, last) -> {
                var found = new ArrayList<Trial>();
                for (int number = first; number <= last; number++) {
                    if (trials.containsKey(number)) {
                        found.add(trials.get(number));
                    }
                }
                return found;
            };
        }

        Session.Batched batch(Session session, Batch batch) {
            Session.Batched batched = session.batch(batch, range(), NOW);
            batched.trials().forEach(trial -> trials.put(trial.number(), trial));
            return batched;
        }

        Trial feedback(Session session, Feedback feedback) {
            Trial trial = session.feedback(feedback, trials::get, NOW).trial();
            trials.put(trial.number(), trial);
            return trial;
        }
    }

    private static Session start(AgentType type, Map<String, ?> parameters, long seed) {
        return Session.start(UUID.randomUUID(), type, ARMS, parameters, seed, Labels.NONE, NOW);
    }

    private static Session boltzmann(long seed) {
        return start(Boltzmann.TYPE, Map.of(), seed);
    }

    static Stream<Arguments> liveAgents() {
        var agents = new ArrayList<Arguments>();
        for (AgentType type : AgentCatalog.all()) {
            if (!type.simulationOnly()) {
                agents.add(Arguments.of(type.name(), Map.of()));
            }
        }
        agents.add(Arguments.of("neuromodulated", Map.of("estimator", "ensemble")));
        return agents.stream();
    }

    /**
     * Steps of both kinds, with Gaussian rewards (so that no two arms pay alike), stimulation on
     * some and metadata on some.
     */
    private static List<BatchStep> mixedSteps(long seed, int count) {
        var random = new SplittableRandom(seed);
        var steps = new ArrayList<BatchStep>();
        for (int i = 0; i < count; i++) {
            double stimulation = i % 5 == 0 ? 0.25 * random.nextDouble() : 0;
            Metadata metadata = i % 3 == 0 ? Metadata.of(Map.of("step", i)) : Metadata.EMPTY;
            if (i % 7 == 3) {
                steps.add(new BatchStep.SubjectChoice(
                        random.nextInt(ARMS), random.nextGaussian(), stimulation, metadata));
            } else {
                double[] rewards = random.doubles(ARMS).map(u -> 2 * u - 0.5).toArray();
                steps.add(new BatchStep.AgentChoice(rewards, stimulation, metadata));
            }
        }
        return steps;
    }

    /** The steps sent one by one, as a client of act and feedback would. */
    private static List<Trial> oneByOne(Session session, List<BatchStep> steps) {
        var store = new Store();
        var trials = new ArrayList<Trial>();
        for (BatchStep step : steps) {
            switch (step) {
                case BatchStep.AgentChoice choice -> {
                    Trial decided = session.act(choice.stimulation(), choice.metadata(), NOW)
                            .trial();
                    trials.add(store.feedback(
                            session,
                            new Feedback(decided.number(), choice.reward(decided.action()), null, null, null)));
                }
                case BatchStep.SubjectChoice choice ->
                    trials.add(store.feedback(
                            session,
                            new Feedback(
                                    session.trials() + 1,
                                    choice.reward(),
                                    choice.action(),
                                    choice.stimulation(),
                                    choice.metadata())));
            }
        }
        return trials;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("liveAgents")
    void aBatchMakesTheTrialsOfItsStepsSentOneByOne(String agent, Map<String, Object> parameters) {
        AgentType type = AgentCatalog.find(agent).orElseThrow();
        Session batched = start(type, parameters, 17);
        Session twin = start(type, parameters, 17);
        List<BatchStep> steps = mixedSteps(3, 200);

        Session.Batched result = new Store().batch(batched, new Batch(1, steps));
        List<Trial> expected = oneByOne(twin, steps);

        assertThat(result.applied()).isTrue();
        assertThat(result.trials()).hasSize(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Trial trial = result.trials().get(i);
            Trial single = expected.get(i);
            assertThat(trial)
                    .as("trial %d of %s", i + 1, agent)
                    .usingRecursiveComparison()
                    .withEqualsForType(Double::equals, Double.class)
                    .isEqualTo(single);
        }
        assertThat(result.trials().stream().map(Trial::action).distinct().count())
                .as("arms taken")
                .isGreaterThan(1);
        assertThat(batched.agentState()).isEqualTo(twin.agentState());
        assertThat(batched.logLikelihood()).isEqualTo(twin.logLikelihood());
        assertThat(batched.trials()).isEqualTo(200);
        assertThat(batched.openTrial()).isNull();
    }

    @Test
    void aRepeatedBatchAnswersTheStoredTrialsAndChangesNothing() {
        Session session = boltzmann(5);
        var store = new Store();
        List<BatchStep> steps = mixedSteps(9, 30);
        List<Trial> first = store.batch(session, new Batch(1, steps)).trials();
        byte[] state = session.agentState();

        Session.Batched again = store.batch(session, new Batch(1, steps));

        assertThat(again.applied()).isFalse();
        assertThat(again.trials()).containsExactlyElementsOf(first);
        assertThat(session.agentState()).isEqualTo(state);
        assertThat(session.trials()).isEqualTo(30);
        assertThat(store.batch(session, new Batch(11, steps.subList(10, 20))).applied())
                .as("a part of the batch, at its own trials")
                .isFalse();
        session.act(0, Metadata.EMPTY, NOW);
        assertThat(store.batch(session, new Batch(1, steps)).trials())
                .as("a repeat while a later trial is open")
                .containsExactlyElementsOf(first);
    }

    @Test
    void rewardsOfArmsNotTakenDoNotMatterToARepeat() {
        Session session = boltzmann(6);
        var store = new Store();
        List<BatchStep> steps = mixedSteps(10, 20);
        List<Trial> trials = store.batch(session, new Batch(1, steps)).trials();
        var otherTable = new ArrayList<BatchStep>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof BatchStep.AgentChoice choice) {
                double[] rewards = choice.rewards();
                int taken = trials.get(i).action();
                for (int arm = 0; arm < ARMS; arm++) {
                    rewards[arm] = arm == taken ? rewards[arm] : rewards[arm] + 100;
                }
                otherTable.add(new BatchStep.AgentChoice(rewards, choice.stimulation(), Metadata.EMPTY));
            } else {
                otherTable.add(steps.get(i));
            }
        }

        assertThat(store.batch(session, new Batch(1, otherTable)).trials()).containsExactlyElementsOf(trials);

        Session twin = boltzmann(6);
        assertThat(new Store().batch(twin, new Batch(1, otherTable)).trials())
                .extracting(Trial::action)
                .as("the same draws from the same state")
                .containsExactlyElementsOf(trials.stream().map(Trial::action).toList());
    }

    @Test
    void aBatchThatDiffersOnAStoredTrialIsAConflictNamingIt() {
        Session session = boltzmann(7);
        var store = new Store();
        List<BatchStep> steps = mixedSteps(11, 10);
        List<Trial> trials = store.batch(session, new Batch(1, steps)).trials();
        int taken = trials.get(4).action();
        var changed = new ArrayList<>(steps);
        BatchStep.AgentChoice fifth = (BatchStep.AgentChoice) steps.get(4);
        double[] rewards = fifth.rewards();
        rewards[taken] += 1;
        changed.set(4, new BatchStep.AgentChoice(rewards, fifth.stimulation(), fifth.metadata()));
        var stimulated = new ArrayList<>(steps);
        stimulated.set(4, new BatchStep.AgentChoice(fifth.rewards(), fifth.stimulation() + 0.5, fifth.metadata()));
        var subject = new ArrayList<>(steps);
        subject.set(4, new BatchStep.SubjectChoice(taken, fifth.reward(taken), fifth.stimulation(), Metadata.EMPTY));

        for (List<BatchStep> other : List.of(changed, stimulated, subject)) {
            assertThatThrownBy(() -> store.batch(session, new Batch(1, other)))
                    .isInstanceOfSatisfying(BatchConflict.class, conflict -> {
                        assertThat(conflict.conflictingTrial()).isEqualTo(5);
                        assertThat(conflict.expectedTrial()).isEqualTo(11);
                        assertThat(conflict.firstTrial()).isEqualTo(1);
                        assertThat(conflict.getMessage()).contains("trial 5", "steps[4]", "next trial is 11");
                    });
        }
        assertThat(session.trials()).isEqualTo(10);
    }

    @Test
    void aSubjectsStepIsNotATrialTheAgentWasAskedFor() {
        Session session = boltzmann(8);
        var store = new Store();
        Trial acted = session.act(0, Metadata.EMPTY, NOW).trial();
        store.feedback(session, new Feedback(1, 1.0, acted.action(), null, null));

        assertThatThrownBy(() -> store.batch(
                        session,
                        new Batch(1, List.of(new BatchStep.SubjectChoice(acted.action(), 1.0, 0, Metadata.EMPTY)))))
                .isInstanceOf(BatchConflict.class);
    }

    @Test
    void aBatchStartsOnlyAtTheNextTrialWithNoTrialOpen() {
        Session session = boltzmann(9);
        var store = new Store();
        store.batch(session, new Batch(1, mixedSteps(12, 5)));
        List<BatchStep> three = mixedSteps(13, 3);

        assertThatThrownBy(() -> store.batch(session, new Batch(7, three)))
                .isInstanceOfSatisfying(BatchConflict.class, conflict -> {
                    assertThat(conflict.expectedTrial()).isEqualTo(6);
                    assertThat(conflict.openTrial()).isNull();
                    assertThat(conflict.conflictingTrial()).isNull();
                });
        assertThatThrownBy(() -> store.batch(session, new Batch(4, three)))
                .as("trials 4..6 overlap the stored 1..5")
                .isInstanceOfSatisfying(
                        BatchConflict.class,
                        conflict -> assertThat(conflict.expectedTrial()).isEqualTo(6));

        session.act(0, Metadata.EMPTY, NOW);
        assertThatThrownBy(() -> store.batch(session, new Batch(7, three)))
                .isInstanceOfSatisfying(BatchConflict.class, conflict -> {
                    assertThat(conflict.openTrial()).isEqualTo(6);
                    assertThat(conflict.expectedTrial()).isEqualTo(7);
                    assertThat(conflict.getMessage()).contains("trial 6 is open");
                });
        assertThatThrownBy(() -> store.batch(session, new Batch(6, three)))
                .as("a batch over the open trial")
                .isInstanceOfSatisfying(
                        BatchConflict.class,
                        conflict -> assertThat(conflict.getMessage()).contains("trial 6 is open"));
        assertThat(session.trials()).isEqualTo(6);
        assertThat(session.openTrial().number()).isEqualTo(6);
    }

    @Test
    void stepsNamingArmsTheSessionLacksRefuseTheWholeBatch() {
        Session session = boltzmann(10);
        byte[] state = session.agentState();
        List<BatchStep> steps = List.of(
                new BatchStep.AgentChoice(new double[] {1, 0, 0, 0}, 0, Metadata.EMPTY),
                new BatchStep.AgentChoice(new double[] {1, 0, 0}, 0, Metadata.EMPTY),
                new BatchStep.SubjectChoice(ARMS, 1.0, 0, Metadata.EMPTY));

        assertThatThrownBy(() -> new Store().batch(session, new Batch(1, steps)))
                .isInstanceOfSatisfying(
                        InvalidBatch.class,
                        invalid -> assertThat(invalid.problems())
                                .containsExactly(
                                        "steps[1]: rewards must hold one reward per arm (4), has 3",
                                        "steps[2]: action must be an arm index within [0, 3], was 4"));
        assertThat(session.trials()).isZero();
        assertThat(session.agentState()).isEqualTo(state);
    }

    @Test
    void stepsAndBatchesCheckTheirOwnValues() {
        assertThatThrownBy(() -> new BatchStep.AgentChoice(
                        new double[] {1, Double.NaN, Double.POSITIVE_INFINITY}, -1, Metadata.EMPTY))
                .isInstanceOfSatisfying(
                        InvalidBatch.class,
                        invalid -> assertThat(invalid.problems()).hasSize(3));
        assertThatThrownBy(() -> new BatchStep.SubjectChoice(-1, Double.NaN, 2e6, Metadata.EMPTY))
                .isInstanceOfSatisfying(
                        InvalidBatch.class,
                        invalid -> assertThat(invalid.problems()).hasSize(3));
        assertThatThrownBy(() -> new Batch(0, List.of()))
                .isInstanceOfSatisfying(
                        InvalidBatch.class,
                        invalid -> assertThat(invalid.problems()).hasSize(2));
        assertThat(new Batch(Integer.MAX_VALUE, mixedSteps(1, 2)).lastTrial()).isEqualTo(Integer.MAX_VALUE + 1L);
    }

    @Test
    void aLongListOfProblemsIsCut() {
        var problems = new ArrayList<String>();
        for (int i = 0; i < 250; i++) {
            problems.add("steps[" + i + "]: wrong");
        }

        List<String> listed = new InvalidBatch(problems).problems();

        assertThat(listed).hasSize(InvalidBatch.MAX_LISTED + 1);
        assertThat(listed.getLast()).isEqualTo("and 150 more problems");
    }
}
