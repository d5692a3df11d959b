/**
 * The neuromodulated agent of Lee, Liebana Garcia, Clopath &amp; Dabney (2024): an ensemble of value
 * estimates whose own uncertainty sets the learning rate (acetylcholine) and the exploration
 * temperature (noradrenaline), with its uncertainty estimators and the simulation-only oracles.
 */
package org.neuromod.core.agent.neuromodulated;
