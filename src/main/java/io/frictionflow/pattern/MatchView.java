package io.frictionflow.pattern;

import io.frictionflow.event.Event;

/** What a condition may see of the partial match it would extend. */
public interface MatchView {
  /** The most recent event already in the match, or null when the match is empty. */
  Event previous();

  /** The first event of the match, or null when the match is empty. */
  Event first();

  /** The most recent event matched by stage {@code stage}, or null. */
  Event lastOf(String stage);

  /** How many events stage {@code stage} has matched so far. */
  int countOf(String stage);

  /** The events stage {@code stage} has matched so far, in order. */
  Iterable<Event> eventsOf(String stage);

  /** A view of an empty match: references are absent. */
  MatchView EMPTY =
      new MatchView() {
        @Override
        public Event previous() {
          return null;
        }

        @Override
        public Event first() {
          return null;
        }

        @Override
        public Event lastOf(String stage) {
          return null;
        }

        @Override
        public int countOf(String stage) {
          return 0;
        }

        @Override
        public Iterable<Event> eventsOf(String stage) {
          return java.util.List.of();
        }
      };
}
