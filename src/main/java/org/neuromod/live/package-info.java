/** Following sessions live: the stream of a session's trial events, resumable, and its plot data. */
package org.neuromod.live;
