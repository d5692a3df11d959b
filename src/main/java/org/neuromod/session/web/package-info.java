/**
 * The HTTP resources of sessions and their trials: create, list, act, feedback, batches, trial
 * logs as JSON and CSV. Its public types (the trial record as {@code /trials} renders it, the
 * session-id parser) are the session module's named interface {@code web}, for other HTTP edges
 * that render trials, such as the live view.
 */
@NamedInterface("web")
package org.neuromod.session.web;

import org.springframework.modulith.NamedInterface;
