/**
 * Experiment results as JSON, CSV, charts and Markdown, and the command that reproduces the
 * paper's experiment without starting the service.
 */
package org.neuromod.experiment;
