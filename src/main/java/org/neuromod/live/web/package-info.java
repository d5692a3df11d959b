/** The HTTP edge of the live view: the event stream, plot data and the dashboard's response headers. */
package org.neuromod.live.web;
