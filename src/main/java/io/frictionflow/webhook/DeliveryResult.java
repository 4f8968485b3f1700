package io.frictionflow.webhook;

/**
 * The outcome of delivering one signal to one destination.
 *
 * @param lastStatus HTTP status of the last attempt, 0 when there was no response
 * @param error what went wrong last, empty when delivered
 * @param payload the body that was sent
 */
public record DeliveryResult(
    String destination,
    String url,
    String signalId,
    String sessionId,
    String patternId,
    boolean delivered,
    int attempts,
    int lastStatus,
    String error,
    long latencyMs,
    String payload) {}
