package org.neuromod.core.environment;

import org.neuromod.core.agent.Parameters;

/** Everything needed to create an environment: validated parameters and the seed of its realisation. */
public record EnvironmentSetup(Parameters parameters, long seed) {}
