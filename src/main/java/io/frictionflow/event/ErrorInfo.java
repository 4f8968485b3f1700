package io.frictionflow.event;

/** A JavaScript or application error. */
public record ErrorInfo(String message, String kind) {}
