package io.frictionflow.pattern;

import com.google.re2j.Pattern;
import io.frictionflow.event.Event;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The condition kinds a pattern file can express; each is plain data plus fixed code. */
final class Conditions {
  private Conditions() {}

  /**
   * What a condition turned off by {@code when: false} becomes while a file is read: {@link
   * #combine} leaves it out of its parent, and {@link #on} makes a stage's condition that is off
   * hold.
   */
  static final Condition OFF = (e, m) -> true;

  /**
   * All or any of {@code parts}, leaving out those turned off: a condition with {@code when: false}
   * is as if it were not written, under {@code all}, {@code any} and {@code not} alike (an {@code
   * any} whose parts are all off is off too, not "none holds").
   */
  static Condition combine(List<Condition> parts, boolean all) {
    List<Condition> on = parts.stream().filter(p -> p != OFF).toList();
    if (on.isEmpty()) {
      return OFF;
    }
    if (on.size() == 1) {
      return on.get(0);
    }
    return all ? new Conditions.All(on) : new Conditions.Any(on);
  }

  /** A stage's condition: one that is off holds for every event. */
  static Condition on(Condition c) {
    return c == OFF ? Condition.TRUE : c;
  }

  /** A condition that reads the partial match (an earlier event or a stage's events). */
  interface MatchReading extends Condition {
    @Override
    default boolean readsMatch() {
      return true;
    }
  }

  /**
   * Where a reference points: previous event, first event, or the last event of a stage.
   *
   * @param stage the stage's name for {@link Kind#STAGE}, else null
   */
  record Ref(Kind kind, String stage) implements Serializable {
    static final Ref PREVIOUS = new Ref(Kind.PREVIOUS, null);
    static final Ref FIRST = new Ref(Kind.FIRST, null);

    /** What a reference points at. */
    enum Kind {
      /** The event just before this one in the match. */
      PREVIOUS,
      /** The first event of the match. */
      FIRST,
      /** The last event of a named stage. */
      STAGE;

      /** The pattern file's spelling: previous, first, stage. */
      @Override
      public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    /** The last event of stage {@code name}. */
    static Ref stage(String name) {
      return new Ref(Kind.STAGE, name);
    }

    Event resolve(MatchView m) {
      return switch (kind) {
        case PREVIOUS -> m.previous();
        case FIRST -> m.first();
        case STAGE -> m.lastOf(stage);
      };
    }

    @Override
    public String toString() {
      return stage == null ? kind.toString() : stage;
    }
  }

  /** A comparison of a number (field value, distance or time) with a bound. */
  enum NumOp {
    LT,
    LTE,
    GT,
    GTE,
    EQ,
    NE;

    boolean test(double actual, double bound) {
      return switch (this) {
        case LT -> actual < bound;
        case LTE -> actual <= bound;
        case GT -> actual > bound;
        case GTE -> actual >= bound;
        case EQ -> actual == bound;
        case NE -> actual != bound;
      };
    }
  }

  /** Every part must hold. */
  record All(List<Condition> parts) implements Condition {
    @Override
    public boolean test(Event e, MatchView m) {
      for (Condition c : parts) {
        if (!c.test(e, m)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean readsMatch() {
      return parts.stream().anyMatch(Condition::readsMatch);
    }
  }

  /** At least one part must hold. */
  record Any(List<Condition> parts) implements Condition {
    @Override
    public boolean test(Event e, MatchView m) {
      for (Condition c : parts) {
        if (c.test(e, m)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean readsMatch() {
      return parts.stream().anyMatch(Condition::readsMatch);
    }
  }

  /** The part must not hold. */
  record Not(Condition part) implements Condition {
    @Override
    public boolean test(Event e, MatchView m) {
      return !part.test(e, m);
    }

    @Override
    public boolean readsMatch() {
      return part.readsMatch();
    }
  }

  /** The field is present (or absent, when {@code present} is false). */
  record Exists(String path, FieldAccessor field, boolean present) implements Condition {
    @Override
    public boolean test(Event e, MatchView m) {
      return (field.get(e) != null) == present;
    }
  }

  /** The field's value equals (or differs from) a literal, compared by the literal's type. */
  record Equals(String path, FieldAccessor field, Object literal, boolean negate)
      implements Condition {
    @Override
    public boolean test(Event e, MatchView m) {
      return sameValue(field.get(e), literal) != negate;
    }
  }

  /** The field's value is (or is not) one of a set of literals. */
  record In(String path, FieldAccessor field, Set<Object> literals, boolean negate)
      implements Condition {
    @Override
    public boolean test(Event e, MatchView m) {
      Object v = field.get(e);
      boolean found = false;
      if (v != null) {
        for (Object l : literals) {
          if (sameValue(v, l)) {
            found = true;
            break;
          }
        }
      }
      return found != negate;
    }
  }

  /** The field's numeric value compares with a bound; false when absent or not a number. */
  record NumCompare(String path, FieldAccessor field, NumOp op, double bound) implements Condition {
    @Override
    public boolean test(Event e, MatchView m) {
      Double v = number(field.get(e));
      return v != null && op.test(v, bound);
    }
  }

  /**
   * The field's text matches a regular expression (searched, not anchored). RE2/J: linear in the
   * text, whatever the expression ({@link Regexes}).
   */
  record Matches(String path, FieldAccessor field, Pattern regex) implements Condition {
    /** Longer values are cut before matching so that no event makes matching slow. */
    static final int MAX_INPUT = 2048;

    @Override
    public boolean test(Event e, MatchView m) {
      String s = text(field, e);
      if (s == null) {
        return false;
      }
      return regex.matcher(s.length() > MAX_INPUT ? s.substring(0, MAX_INPUT) : s).find();
    }
  }

  /** Text tests: contains, starts_with, ends_with. */
  record Text(String path, FieldAccessor field, String op, String literal) implements Condition {
    @Override
    public boolean test(Event e, MatchView m) {
      String s = text(field, e);
      if (s == null) {
        return false;
      }
      return switch (op) {
        case "contains" -> s.contains(literal);
        case "starts_with" -> s.startsWith(literal);
        default -> s.endsWith(literal);
      };
    }
  }

  /** The field's value as text, or null when the event has none. */
  private static String text(FieldAccessor field, Event e) {
    Object v = field.get(e);
    return v == null ? null : v.toString();
  }

  /** The field has the same value as in a referenced event (or not, when negated). */
  record SameAs(String path, FieldAccessor field, Ref ref, boolean negate) implements MatchReading {
    @Override
    public boolean test(Event e, MatchView m) {
      Event other = ref.resolve(m);
      if (other == null) {
        return true;
      }
      return Objects.equals(field.get(e), field.get(other)) != negate;
    }
  }

  /** Pixel distance to a referenced event compares with a bound; false without coordinates. */
  record Distance(Ref ref, boolean manhattan, NumOp op, double bound) implements MatchReading {
    @Override
    public boolean test(Event e, MatchView m) {
      Event other = ref.resolve(m);
      if (other == null) {
        return true;
      }
      if (e.x() == null || e.y() == null || other.x() == null || other.y() == null) {
        return false;
      }
      double dx = Math.abs(e.x() - other.x());
      double dy = Math.abs(e.y() - other.y());
      double d = manhattan ? dx + dy : Math.sqrt(dx * dx + dy * dy);
      return op.test(d, bound);
    }
  }

  /** Milliseconds since a referenced event compare with a bound. */
  record TimeSince(Ref ref, NumOp op, double boundMillis) implements MatchReading {
    @Override
    public boolean test(Event e, MatchView m) {
      Event other = ref.resolve(m);
      if (other == null) {
        return true;
      }
      return op.test(e.time() - other.time(), boundMillis);
    }
  }

  /** How many events a stage has matched so far compares with a bound. */
  record Count(String stage, NumOp op, double bound) implements MatchReading {
    @Override
    public boolean test(Event e, MatchView m) {
      return op.test(m.countOf(stage), bound);
    }
  }

  /**
   * The sum of a numeric field over a stage's events so far and this event compares with a bound.
   */
  record Sum(String path, FieldAccessor field, String stage, NumOp op, double bound)
      implements MatchReading {
    @Override
    public boolean test(Event e, MatchView m) {
      double total = valueOf(e);
      for (Event x : m.eventsOf(stage)) {
        total += valueOf(x);
      }
      return op.test(total, bound);
    }

    private double valueOf(Event e) {
      Double v = number(field.get(e));
      return v == null ? 0 : v;
    }
  }

  /** The field's number has the same (or the opposite) sign as in a referenced event. */
  record Sign(String path, FieldAccessor field, Ref ref, boolean opposite) implements MatchReading {
    @Override
    public boolean test(Event e, MatchView m) {
      Event other = ref.resolve(m);
      if (other == null) {
        return true;
      }
      Double a = number(field.get(e));
      Double b = number(field.get(other));
      if (a == null || b == null || a == 0 || b == 0) {
        return false;
      }
      return (Math.signum(a) != Math.signum(b)) == opposite;
    }
  }

  /** Numbers compare numerically, booleans and text by their text; null equals nothing. */
  static boolean sameValue(Object value, Object literal) {
    if (value == null || literal == null) {
      return false;
    }
    if (literal instanceof Number n) {
      Double v = number(value);
      return v != null && v == n.doubleValue();
    }
    return value.toString().equals(literal.toString());
  }

  /** The value as a number: numbers as they are, numeric text parsed, anything else null. */
  static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s && !s.isEmpty()) {
      char c = s.charAt(0);
      if ((c >= '0' && c <= '9') || c == '-' || c == '.') {
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }
}
