/**
 * Harnesses that drive a running service from outside, over loopback HTTP: latency and throughput
 * under load, acknowledged trials across {@code kill -9}, and heap cost of idle sessions.
 */
package org.neuromod.harness;
