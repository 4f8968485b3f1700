package io.frictionflow.event;

/** A scroll: how deep the page is scrolled now (0-100) and by how much it moved (down positive). */
public record Scroll(Double depthPct, Double dy) {}
