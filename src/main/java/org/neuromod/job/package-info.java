/**
 * Durable, cancellable jobs: heavy work (experiments, fits) stored as rows of the service's own
 * database and executed by db-scheduler on a bounded pool, off the trial path.
 */
package org.neuromod.job;
