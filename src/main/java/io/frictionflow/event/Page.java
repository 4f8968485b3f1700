package io.frictionflow.event;

/** The page an event happened on. Every field may be null. */
public record Page(String url, String path, String referrer, String title, String category) {}
