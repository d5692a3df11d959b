/** The HTTP edge shared by every feature: problem details for every error, request limits, JSON rules, OpenAPI. */
package org.neuromod.web;
