package io.frictionflow.event;

/** The device: {@code deviceClass} is desktop, mobile, tablet or anything the tracker sends. */
public record Device(String deviceClass, String ua) {}
