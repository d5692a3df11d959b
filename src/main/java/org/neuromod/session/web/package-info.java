/**
 * The HTTP resources of sessions and their trials: create, list, act, feedback, batches, trial
 * logs as JSON and CSV.
 */
package org.neuromod.session.web;
