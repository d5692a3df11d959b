package org.neuromod.core.fit;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.neuromod.core.agent.Agent;
import org.neuromod.core.agent.AgentSetup;
import org.neuromod.core.agent.AgentType;
import org.neuromod.core.agent.Decision;
import org.neuromod.core.agent.Parameters;
import org.neuromod.core.agent.RandomGenerators;
import org.neuromod.core.environment.Environment;

/**
 * A simulated subject: an agent playing an environment, its choices recorded as a subject's would
 * be. With a lapse {@code ε}, each choice is, with probability {@code ε}, a uniformly random arm
 * instead of the agent's (the generative model of {@link Model#LAPSE}); the agent learns from the
 * arm actually taken, as in shadow mode.
 */
public final class Simulation {

    private Simulation() {}

    /**
     * @param agentSeed the seed of the simulated agent's own generator
     * @param lapseSeed the seed of the lapse draws
     * @param fitSeed the seed the replay of the returned subject uses ({@link Subject#seed()}):
     *     a fit does not know the simulated agent's internals
     */
    public static Subject run(
            String label,
            AgentType type,
            Parameters parameters,
            double lapse,
            Environment environment,
            long agentSeed,
            long lapseSeed,
            long fitSeed) {
        Agent agent = type.create(new AgentSetup(environment.arms(), parameters, agentSeed, environment.truth()));
        UniformRandomProvider lapses = RandomGenerators.seeded(lapseSeed);
        var trials = new ArrayList<ChoiceTrial>(environment.trials());
        for (int t = 0; t < environment.trials(); t++) {
            environment.nextTrial();
            double stimulation = environment.stimulation();
            Decision decision = agent.decide(stimulation);
            int action = decision.action();
            if (lapse > 0 && lapses.nextDouble() < lapse) {
                action = lapses.nextInt(environment.arms());
            }
            double reward = environment.reward(action);
            agent.learn(action, reward, stimulation);
            trials.add(new ChoiceTrial(action, reward, stimulation));
        }
        return new Subject(label, environment.arms(), List.copyOf(trials), fitSeed);
    }
}
