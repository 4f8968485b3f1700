package io.frictionflow.pattern;

import static io.frictionflow.TestEvents.click;
import static org.assertj.core.api.Assertions.assertThat;

import io.frictionflow.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code when: false} turns a condition off: it is as if it were not written, under {@code not:}
 * and {@code any:} as much as in a list.
 */
class WhenConditionTest {
  private static final Event LINK = click("#l").target("#l", "a").event();
  private static final Event BUTTON = click("#b").target("#b", "button").event();

  /** The first stage's condition of a pattern whose stage has {@code where}, with {@code on}. */
  private static Condition where(String where, boolean on) {
    String yaml =
        """
        id: p
        version: 1
        description: d
        severity: low
        on: [click]
        params:
          links: {type: bool, default: true}
        stages:
          - name: a
            type: click
            where: %s
        """
            .formatted(where);
    List<PatternError> errors = new ArrayList<>();
    PatternDefinition def = PatternParser.parse("f.yaml", yaml, errors);
    assertThat(errors).isEmpty();
    return def.resolve(null, Map.of("links", String.valueOf(on))).stages().get(0).where();
  }

  private static boolean holds(Condition c, Event e) {
    return c.test(e, MatchView.EMPTY);
  }

  @Test
  void aConditionTurnedOffUnderNotIsDroppedNotNegatedIntoFalse() {
    String where = "{not: {when: $links, field: target.tag, eq: a}}";
    Condition on = where(where, true);
    assertThat(holds(on, LINK)).isFalse();
    assertThat(holds(on, BUTTON)).isTrue();
    // Off: "not a link" no longer applies, so every click holds (it was: no click ever held).
    Condition off = where(where, false);
    assertThat(holds(off, LINK)).isTrue();
    assertThat(holds(off, BUTTON)).isTrue();
  }

  @Test
  void aConditionTurnedOffUnderAnyIsLeftOutNotTakenAsTrue() {
    String where =
        "{any: [{when: $links, field: target.tag, eq: a}, {field: target.tag, eq: button}]}";
    Condition on = where(where, true);
    assertThat(holds(on, LINK)).isTrue();
    assertThat(holds(on, BUTTON)).isTrue();
    // Off: only the button test is left (it was: any click held, links too).
    Condition off = where(where, false);
    assertThat(holds(off, LINK)).isFalse();
    assertThat(holds(off, BUTTON)).isTrue();
  }

  @Test
  void anAnyWhosePartsAreAllOffIsOffItself() {
    Condition off =
        where("[{field: target.tag, eq: a}, {any: [{when: $links, field: x, gt: 5}]}]", false);
    assertThat(holds(off, LINK)).isTrue();
    assertThat(holds(off, BUTTON)).isFalse();
  }

  @Test
  void aConditionTurnedOffInAListOrAllIsLeftOut() {
    Condition off =
        where("{all: [{when: $links, field: target.tag, eq: a}, {field: type, eq: click}]}", false);
    assertThat(holds(off, LINK)).isTrue();
    assertThat(holds(off, BUTTON)).isTrue();
    Condition on =
        where("{all: [{when: $links, field: target.tag, eq: a}, {field: type, eq: click}]}", true);
    assertThat(holds(on, BUTTON)).isFalse();
  }

  @Test
  void anUntilTurnedOffStopsNothing() {
    String yaml =
        """
        id: p
        version: 1
        description: d
        severity: low
        on: [click]
        params:
          stop: {type: bool, default: false}
        stages:
          - name: a
            type: click
            one_or_more: true
            until: {when: $stop, field: target.tag, eq: a}
        """;
    List<PatternError> errors = new ArrayList<>();
    PatternDefinition def = PatternParser.parse("f.yaml", yaml, errors);
    assertThat(errors).isEmpty();
    assertThat(def.resolve(null, Map.of()).stages().get(0).until()).isNull();
    assertThat(def.resolve(null, Map.of("stop", "true")).stages().get(0).until()).isNotNull();
  }
}
