/** {@code POST /experiments}: the paper's simulation experiment run on the server. */
package org.neuromod.experiment.web;
