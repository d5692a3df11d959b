/** The contract every bandit agent fulfils, its parameters, its saved state and the catalog of agent types. */
package org.neuromod.core.agent;
