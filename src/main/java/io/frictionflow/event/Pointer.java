package io.frictionflow.event;

/**
 * A summary of pointer movement since the previous {@code pointer_move} event.
 *
 * @param distance path length in pixels
 * @param dirChangesX direction reversals on the horizontal axis
 * @param dirChangesY direction reversals on the vertical axis
 * @param durationMs how long the movement lasted
 */
public record Pointer(Double distance, Integer dirChangesX, Integer dirChangesY, Long durationMs) {}
