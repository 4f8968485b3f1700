package io.frictionflow.pattern;

import java.util.List;
import java.util.Map;

/**
 * One {@code examples:} entry of a pattern file: events and the signals they must produce.
 *
 * @param index position in the file, for messages
 * @param profile profile to run under, or null for the defaults
 * @param params parameter overrides as text, as {@code --param} would give them
 * @param events canonical JSON events, one per element
 * @param expect the event ids of each expected signal, in order of detection; empty for none
 */
public record Example(
    int index,
    String name,
    String profile,
    Map<String, String> params,
    List<String> events,
    List<List<String>> expect) {}
