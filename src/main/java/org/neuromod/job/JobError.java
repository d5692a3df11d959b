package org.neuromod.job;

/**
 * Why a job failed, for the problem the HTTP layer reports.
 *
 * @param detail what went wrong, for the client
 */
public record JobError(String detail) {}
