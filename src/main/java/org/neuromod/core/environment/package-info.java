/** Simulated bandit environments: they draw rewards, know the truth and measure regret. */
package org.neuromod.core.environment;
