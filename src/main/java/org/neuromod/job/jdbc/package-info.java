/** Jobs, their results and their files in the tables of {@code db/migration}. */
package org.neuromod.job.jdbc;
