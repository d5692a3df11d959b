/** Baseline bandit agents the paper and its readers compare the neuromodulated agent against. */
package org.neuromod.core.agent.baseline;
