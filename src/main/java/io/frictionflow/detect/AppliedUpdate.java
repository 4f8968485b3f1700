package io.frictionflow.detect;

/**
 * One pattern update the detector applied, as its broadcast state keeps it ({@link LiveCatalog}). A
 * Flink POJO (a record).
 *
 * @param text the pattern file's text, or null when the update removed the pattern
 * @param catalogVersion the detector's catalog version this update made
 * @param appliedAt wall clock when it was applied, epoch ms
 */
public record AppliedUpdate(String text, long catalogVersion, long appliedAt) {}
