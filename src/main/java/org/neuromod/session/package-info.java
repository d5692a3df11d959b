/** Agent sessions: the trial loop of act and feedback, its exactly-once rules and its storage contract. */
package org.neuromod.session;
