/**
 * Fitting agents to recorded choices: the shadow-replay likelihood, bounded multi-start maximum
 * likelihood and maximum a posteriori fits with Laplace uncertainty, hierarchical empirical-Bayes
 * fits, random-effects Bayesian model selection and parameter recovery (src/docs/fitting.md).
 */
package org.neuromod.core.fit;
