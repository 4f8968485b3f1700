package io.frictionflow.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A named parameter of a pattern.
 *
 * @param type int, number, duration, string, bool or list
 * @param defaultValue the value when no profile or override sets it
 */
public record ParamDef(String name, String type, JsonNode defaultValue, String description) {}
