package io.frictionflow.event;

/** The form field an input, change, focus, blur or submit event concerns. */
public record FormField(String id, String form) {}
