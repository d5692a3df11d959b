package org.neuromod.job;

/** A file a job attached to its result (see {@link JobContext#attach}). */
public record JobFile(String name, String mediaType, byte[] content) {}
