package io.frictionflow.pattern;

import io.frictionflow.event.Event;
import java.io.Serializable;

/** Reads one field of an event by its documented path; null when absent. */
@FunctionalInterface
public interface FieldAccessor extends Serializable {
  /** The value: a String, Number or Boolean, or null. */
  Object get(Event e);
}
