/** Stores sessions and trials in a relational database (H2 or PostgreSQL) through plain SQL. */
package org.neuromod.session.jdbc;
