/** Fitting agents to subjects' recorded choices as jobs: requests, the fit job kind and its results (SPEC 5). */
package org.neuromod.fit;
