package io.frictionflow.event;

/**
 * A record the job could not accept, kept so that nothing is lost.
 *
 * @param raw the payload as received (possibly truncated when oversized, see {@code reason})
 * @param reason machine-readable reason, one of {@link FailureReason}
 * @param field JSON path of the offending field, or empty when the record as a whole is bad
 * @param detail human-readable explanation
 * @param failedAt wall clock when the record was rejected, epoch ms
 */
public record FailedEvent(String raw, String reason, String field, String detail, long failedAt) {}
