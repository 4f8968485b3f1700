package io.frictionflow.event;

/** The browser viewport in CSS pixels. */
public record Viewport(Integer w, Integer h) {}
