package io.frictionflow.event;

/**
 * The DOM element an event was aimed at. Every field may be null.
 *
 * @param newTab the element opens a new tab or window ({@code target="_blank"})
 * @param download the element is a download link
 */
public record Target(
    String selector,
    String tag,
    String text,
    String href,
    String role,
    Boolean newTab,
    Boolean download) {}
