package io.frictionflow.pattern;

import io.frictionflow.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Conditions as text a pattern author recognises ({@code target.selector == '#buy'}), and what a
 * condition saw in an event: for {@code explain}, never on the job's path.
 */
public final class ConditionText {
  private ConditionText() {}

  /** The part of a condition that decided its result, and what it saw. */
  record Decided(String condition, String observed) {}

  /** {@code c} as text. */
  public static String describe(Condition c) {
    if (c instanceof Conditions.All a) {
      return a.parts().stream().map(ConditionText::describe).collect(Collectors.joining(" and "));
    }
    if (c instanceof Conditions.Any a) {
      return "any of ("
          + a.parts().stream().map(ConditionText::describe).collect(Collectors.joining(" | "))
          + ")";
    }
    if (c instanceof Conditions.Not n) {
      return "not (" + describe(n.part()) + ")";
    }
    if (c instanceof Conditions.Exists x) {
      return x.path() + (x.present() ? " exists" : " is absent");
    }
    if (c instanceof Conditions.Equals x) {
      return x.path() + (x.negate() ? " != " : " == ") + literal(x.literal());
    }
    if (c instanceof Conditions.In x) {
      return x.path()
          + (x.negate() ? " not in " : " in ")
          + x.literals().stream().map(ConditionText::literal).sorted().toList();
    }
    if (c instanceof Conditions.NumCompare x) {
      return x.path() + " " + op(x.op()) + " " + number(x.bound());
    }
    if (c instanceof Conditions.Matches x) {
      return x.path() + " matches /" + x.regex().pattern() + "/";
    }
    if (c instanceof Conditions.Text x) {
      return x.path() + " " + x.op() + " " + literal(x.literal());
    }
    if (c instanceof Conditions.SameAs x) {
      return x.path() + (x.negate() ? " not_same_as " : " same_as ") + x.ref();
    }
    if (c instanceof Conditions.Distance x) {
      return "distance_from "
          + x.ref()
          + " ("
          + (x.manhattan() ? "manhattan" : "euclidean")
          + ") "
          + op(x.op())
          + " "
          + number(x.bound())
          + " px";
    }
    if (c instanceof Conditions.TimeSince x) {
      return "time_since " + x.ref() + " " + op(x.op()) + " " + number(x.boundMillis()) + "ms";
    }
    if (c instanceof Conditions.Count x) {
      return "count(" + x.stage() + ") " + op(x.op()) + " " + number(x.bound());
    }
    if (c instanceof Conditions.Sum x) {
      return "sum(" + x.path() + " over " + x.stage() + ") " + op(x.op()) + " " + number(x.bound());
    }
    if (c instanceof Conditions.Sign x) {
      return x.path() + (x.opposite() ? " opposite_sign_to " : " same_sign_as ") + x.ref();
    }
    return "true";
  }

  /**
   * The part of {@code c} that decided {@code held} for {@code e}: when it failed, the first part
   * of an {@code all} that failed (recursively); otherwise the whole condition.
   */
  static Decided decided(Condition c, Event e, MatchView m, boolean held) {
    if (!held && c instanceof Conditions.All a) {
      for (Condition p : a.parts()) {
        if (!p.test(e, m)) {
          return decided(p, e, m, false);
        }
      }
    }
    return new Decided(describe(c), observed(c, e, m));
  }

  /** What {@code c} saw in {@code e}; the parts' observations for a combination. */
  static String observed(Condition c, Event e, MatchView m) {
    if (c instanceof Conditions.All a) {
      return joined(a.parts(), e, m);
    }
    if (c instanceof Conditions.Any a) {
      return joined(a.parts(), e, m);
    }
    if (c instanceof Conditions.Not n) {
      return observed(n.part(), e, m);
    }
    if (c instanceof Conditions.Exists x) {
      return value(x.field().get(e));
    }
    if (c instanceof Conditions.Equals x) {
      return value(x.field().get(e));
    }
    if (c instanceof Conditions.In x) {
      return value(x.field().get(e));
    }
    if (c instanceof Conditions.NumCompare x) {
      return value(x.field().get(e));
    }
    if (c instanceof Conditions.Matches x) {
      return value(x.field().get(e));
    }
    if (c instanceof Conditions.Text x) {
      return value(x.field().get(e));
    }
    if (c instanceof Conditions.SameAs x) {
      Event other = x.ref().resolve(m);
      return other == null
          ? "no " + x.ref() + " event yet"
          : value(x.field().get(e)) + " vs " + value(x.field().get(other));
    }
    if (c instanceof Conditions.Distance x) {
      Event other = x.ref().resolve(m);
      if (other == null) {
        return "no " + x.ref() + " event yet";
      }
      if (e.x() == null || e.y() == null || other.x() == null || other.y() == null) {
        return "no coordinates";
      }
      double dx = Math.abs(e.x() - other.x());
      double dy = Math.abs(e.y() - other.y());
      return number(x.manhattan() ? dx + dy : Math.sqrt(dx * dx + dy * dy)) + " px";
    }
    if (c instanceof Conditions.TimeSince x) {
      Event other = x.ref().resolve(m);
      return other == null ? "no " + x.ref() + " event yet" : (e.time() - other.time()) + "ms";
    }
    if (c instanceof Conditions.Count x) {
      return String.valueOf(m.countOf(x.stage()));
    }
    if (c instanceof Conditions.Sum x) {
      double total = 0;
      for (Event ev : withThis(m.eventsOf(x.stage()), e)) {
        Double v = Conditions.number(x.field().get(ev));
        total += v == null ? 0 : v;
      }
      return number(total);
    }
    if (c instanceof Conditions.Sign x) {
      Event other = x.ref().resolve(m);
      return other == null
          ? "no " + x.ref() + " event yet"
          : value(x.field().get(e)) + " vs " + value(x.field().get(other));
    }
    return "";
  }

  private static List<Event> withThis(Iterable<Event> events, Event e) {
    List<Event> all = new ArrayList<>();
    events.forEach(all::add);
    all.add(e);
    return all;
  }

  private static String joined(List<Condition> parts, Event e, MatchView m) {
    List<String> seen = new ArrayList<>();
    for (Condition p : parts) {
      String o = observed(p, e, m);
      if (!o.isEmpty() && !seen.contains(o)) {
        seen.add(o);
      }
    }
    return String.join("; ", seen);
  }

  private static String op(Conditions.NumOp op) {
    return switch (op) {
      case LT -> "<";
      case LTE -> "<=";
      case GT -> ">";
      case GTE -> ">=";
      case EQ -> "==";
      case NE -> "!=";
    };
  }

  private static String literal(Object v) {
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  private static String value(Object v) {
    return v == null ? "nothing (absent)" : literal(v);
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf((long) d);
    }
    return String.format(Locale.ROOT, "%.1f", d);
  }
}
