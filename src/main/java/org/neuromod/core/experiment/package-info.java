/** The paper's simulation experiment: agents × seeds on one environment, and the statistics over seeds. */
package org.neuromod.core.experiment;
