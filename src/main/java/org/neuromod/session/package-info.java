/**
 * Agent sessions: the trial loop of act and feedback, batches of many trials, their exactly-once
 * rules and their storage contract.
 */
package org.neuromod.session;
