/** Fitting agents to subjects' recorded choices as jobs: requests, the fit job kind and its results (src/docs/fitting.md). */
package org.neuromod.fit;
