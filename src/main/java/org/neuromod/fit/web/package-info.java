/** The HTTP edge of fitting: {@code POST /fits}, its status, results and per-trial traces, and its problems. */
package org.neuromod.fit.web;
