/** The HTTP resource that lists every agent type and its parameters. */
package org.neuromod.agent.web;
