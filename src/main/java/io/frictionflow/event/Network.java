package io.frictionflow.event;

/** A network request the page made: HTTP status (0 for a failed request), method, URL. */
public record Network(Integer status, String method, String url, Long durationMs) {}
