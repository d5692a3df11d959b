/**
 * JMH benchmarks: one decide-and-learn step of every agent, and the paper's full reproduction. Run
 * them with {@code ./mvnw -q test-compile exec:exec@benchmarks}.
 */
package org.neuromod.benchmark;
