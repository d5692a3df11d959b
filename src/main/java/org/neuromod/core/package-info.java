/**
 * The pure algorithmic core: agents, environments and experiments, with no Spring, web or
 * persistence types in it (an architecture test keeps it so).
 */
package org.neuromod.core;
