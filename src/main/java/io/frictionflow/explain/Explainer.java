package io.frictionflow.explain;

import io.frictionflow.detect.FirePolicy;
import io.frictionflow.detect.FireState;
import io.frictionflow.detect.HostedNfa;
import io.frictionflow.detect.HostedPattern;
import io.frictionflow.detect.MatchToSignal;
import io.frictionflow.event.Event;
import io.frictionflow.pattern.ConditionText;
import io.frictionflow.pattern.ConditionTracer;
import io.frictionflow.pattern.FireSpec;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.pattern.StageSpec;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.functions.util.RuntimeUDFContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.configuration.SharedBufferCacheConfig;
import org.apache.flink.cep.nfa.ComputationState;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * Runs one pattern over a bounded set of events the way the detector does, and records what
 * happened: the detector's own {@link HostedNfa} (the FlinkCEP automaton compiled by {@code
 * CepPatternCompiler}, with a {@link ConditionTracer} that hears every condition), over a {@link
 * MemoryStateStore} keyed by session, then the pattern's real {@link FirePolicy}.
 *
 * <p>Each session's events of the pattern's {@code on:} types are fed in event-time order (arrival
 * order within one time), as the strict detector feeds them once the watermark passes; an event id
 * seen before in the session is dropped, as dedupe drops it. Time then passes to the end of the
 * input (windows close, absences complete). A gap longer than the session timeout (or the window,
 * if longer) ends the session's automaton state, as the detector's session end does. Lateness is
 * not modelled: every event is fed.
 */
public final class Explainer {
  private static final long END_GRANULARITY_MS = 60_000;

  private final Duration sessionTimeout;

  /**
   * @param sessionTimeout the job's session timeout: how long the fire policy remembers a session,
   *     and (or the window, if longer) how long a session's partial matches live without events
   */
  public Explainer(Duration sessionTimeout) {
    this.sessionTimeout = sessionTimeout;
  }

  /**
   * What {@code spec} does with each session of {@code events}.
   *
   * @param onlySession the one session to explain, or null for all
   */
  public Explanation explain(PatternSpec spec, List<Event> events, String onlySession)
      throws Exception {
    List<Explanation.SessionExplanation> out = new ArrayList<>();
    run(spec, bySession(spec, events, onlySession), true, out);
    return new Explanation(
        spec.id(),
        spec.version(),
        spec.profile(),
        params(spec.params()),
        spec.on().stream().sorted().toList(),
        spec.stages().stream()
            .map(
                s ->
                    new Explanation.StageInfo(
                        s.name(), s.absent(), ConditionText.describe(s.where())))
            .toList(),
        spec.window() == null ? null : spec.window().toString(),
        fire(spec.fire()),
        out);
  }

  /**
   * Per pattern id, the number of sessions in which it got past its first stage (a partial match
   * took a second event, or a match completed): for run summaries.
   */
  public Map<String, Long> sessionsPastFirstStage(List<PatternSpec> specs, List<Event> events)
      throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (PatternSpec spec : specs) {
      List<Explanation.SessionExplanation> out = new ArrayList<>();
      run(spec, bySession(spec, events, null), false, out);
      counts.put(
          spec.id(), out.stream().filter(Explanation.SessionExplanation::pastFirstStage).count());
    }
    return counts;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder().build();

  /**
   * Parameter values as written: a spec keeps numbers as numbers and everything else as its JSON
   * text ({@code "2s"}, {@code ["input"]}), which is read back here so JSON output holds values.
   */
  private static Map<String, Object> params(Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          Object value = v;
          if (v instanceof String text) {
            try {
              value = JSON.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              value = text;
            }
          }
          out.put(k, value);
        });
    return out;
  }

  private static String fire(FireSpec f) {
    String mode = f.mode().name().toLowerCase(Locale.ROOT);
    return f.cooldown() == null
        ? mode
        : mode + ", cooldown " + ExplainText.duration(f.cooldown().toMillis());
  }

  /** The events the pattern listens to, by session in order of first appearance, deduplicated. */
  private static Map<String, List<Event>> bySession(
      PatternSpec spec, List<Event> events, String only) {
    HostedPattern hosted = HostedPattern.of(spec);
    Map<String, List<Event>> sessions = new LinkedHashMap<>();
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    for (Event e : events) {
      if (only != null && !only.equals(e.sessionId())) {
        continue;
      }
      if (!hosted.selects(e)) {
        continue;
      }
      if (!seen.computeIfAbsent(e.sessionId(), s -> new HashSet<>()).add(e.eventId())) {
        continue;
      }
      sessions.computeIfAbsent(e.sessionId(), s -> new ArrayList<>()).add(e);
    }
    // Stable: arrival order within one event time, as the detector's buffer keeps it.
    sessions.values().forEach(l -> l.sort(Comparator.comparingLong(Event::time)));
    return sessions;
  }

  private void run(
      PatternSpec spec,
      Map<String, List<Event>> sessions,
      boolean detailed,
      List<Explanation.SessionExplanation> out)
      throws Exception {
    Trace trace = new Trace(spec, detailed);
    HostedNfa nfa = new HostedNfa(HostedPattern.of(spec), trace, true);
    MemoryStateStore store = new MemoryStateStore();
    ExecutionConfig config = new ExecutionConfig();
    TypeSerializer<Event> serializer =
        TypeInformation.of(Event.class).createSerializer(config.getSerializerConfig());
    nfa.initialize(store, serializer, SharedBufferCacheConfig.of(new Configuration()));
    // The conditions FlinkCEP wraps ours in want a runtime context; none of them reads it.
    nfa.open(
        new RuntimeUDFContext(
            new TaskInfoImpl("explain " + spec.id(), 1, 0, 1, 0),
            Explainer.class.getClassLoader(),
            config,
            Map.of(),
            new HashMap<>(),
            UnregisteredMetricsGroup.createOperatorMetricGroup()));
    FirePolicy policy = new FirePolicy(spec, sessionTimeout);
    long endAfter = sessionTimeout.toMillis();
    if (spec.window() != null) {
      endAfter = Math.max(endAfter, spec.window().toMillis());
    }
    try {
      for (Map.Entry<String, List<Event>> s : sessions.entrySet()) {
        store.setKey(s.getKey());
        trace.begin(s.getKey(), s.getValue().get(0).time());
        boolean active = false;
        long end = Long.MIN_VALUE;
        for (Event e : s.getValue()) {
          long ts = e.time();
          if (active && ts >= end) {
            // The detector's session end: time passes to it, then the state is cleared.
            NFAState st = nfa.load();
            nfa.advance(st, end, trace);
            nfa.clear();
            active = false;
          }
          NFAState st = active ? nfa.load() : nfa.initial();
          nfa.advance(st, ts, trace);
          nfa.process(st, e, ts, () -> 0L, trace);
          active = nfa.save(st, active);
          end = (ts + endAfter) / END_GRANULARITY_MS * END_GRANULARITY_MS + END_GRANULARITY_MS;
        }
        int open = 0;
        if (active) {
          NFAState st = nfa.load();
          nfa.advance(st, Long.MAX_VALUE, trace);
          for (ComputationState c : st.getPartialMatches()) {
            if (c.getPreviousBufferEntry() != null) {
              open++;
            }
          }
          nfa.clear();
        }
        store.clearKey();
        out.add(trace.finish(s.getValue().size(), open, policy));
      }
    } finally {
      nfa.close();
    }
  }

  /** Hears the automaton of one pattern for the session being fed. */
  private static final class Trace implements ConditionTracer, HostedNfa.Emitter {
    private final PatternSpec spec;
    private final boolean detailed;
    private final Map<String, Integer> depthOrder = new LinkedHashMap<>();

    private String session;
    private long start;
    private boolean past;
    private Map<String, LinkedHashSet<Event>> entered;
    private Map<String, Missed> misses;
    private List<Explanation.Pruned> pruned;
    private List<Emitted> emitted;

    /**
     * A miss (its partial match the nearest: most events) and every partial match the event was
     * turned away from by the same condition.
     */
    private record Missed(Explanation.Miss miss, Set<List<String>> partials) {
      int depth() {
        return miss.partial().size();
      }

      long offset() {
        return miss.event().offsetMs();
      }

      Explanation.Miss counted() {
        Explanation.Miss m = miss;
        return new Explanation.Miss(
            m.kind(),
            m.event(),
            m.stage(),
            m.partial(),
            partials.size(),
            m.condition(),
            m.observed());
      }
    }

    /** A match or timeout as the automaton emitted it. */
    private record Emitted(String kind, Map<String, List<Event>> match) {}

    Trace(PatternSpec spec, boolean detailed) {
      this.spec = spec;
      this.detailed = detailed;
      for (StageSpec s : spec.stages()) {
        depthOrder.put(s.name(), depthOrder.size());
      }
    }

    void begin(String sessionId, long firstTime) {
      session = sessionId;
      start = firstTime;
      past = false;
      entered = new LinkedHashMap<>();
      spec.stages().stream()
          .filter(s -> !s.absent())
          .forEach(s -> entered.put(s.name(), new LinkedHashSet<>()));
      misses = new LinkedHashMap<>();
      pruned = new ArrayList<>();
      emitted = new ArrayList<>();
    }

    @Override
    public void evaluated(Evaluation ev) {
      boolean taken = ev.role() == Role.WHERE && !ev.absent() && ev.held();
      if (taken && !ev.partial().isEmpty()) {
        past = true;
      }
      if (!detailed) {
        return;
      }
      if (taken) {
        entered.get(ev.stage()).add(ev.event());
        return;
      }
      String kind;
      if (ev.role() == Role.WHERE && !ev.absent()) {
        kind = "rejected";
      } else if (ev.role() == Role.WHERE && ev.held() && !ev.partial().isEmpty()) {
        // An absence checked with nothing before it ends no partial match: not a miss.
        kind = "forbidden";
      } else if (ev.role() == Role.UNTIL && ev.held()) {
        kind = "stopped";
      } else {
        return;
      }
      List<String> partial = ev.partial().stream().map(Event::eventId).toList();
      // One entry per event and condition, however many partial matches it turned away: the
      // nearest of them (most events) stands for the others, which are counted.
      String key = kind + "|" + ev.event().eventId() + "|" + ev.stage() + "|" + ev.condition();
      Missed seen = misses.get(key);
      if (seen == null) {
        Set<List<String>> partials = new HashSet<>();
        partials.add(partial);
        misses.put(key, new Missed(miss(kind, ev, partial), partials));
      } else if (seen.partials().add(partial) && partial.size() > seen.depth()) {
        misses.put(key, new Missed(miss(kind, ev, partial), seen.partials()));
      }
    }

    private Explanation.Miss miss(String kind, Evaluation ev, List<String> partial) {
      return new Explanation.Miss(
          kind, ref(ev.event()), ev.stage(), partial, 1, ev.condition(), ev.observed());
    }

    @Override
    public void match(HostedNfa nfa, Map<String, List<Event>> match, long timestamp) {
      past = true;
      emitted.add(new Emitted("match", match));
    }

    @Override
    public void timeout(HostedNfa nfa, Map<String, List<Event>> match, long timestamp) {
      if (detailed) {
        List<Event> events = inOrder(match);
        String reached = null;
        for (String stage : spec.stageNames()) {
          if (match.containsKey(stage) && !match.get(stage).isEmpty()) {
            reached = stage;
          }
        }
        boolean window =
            spec.window() != null
                && !events.isEmpty()
                && timestamp == events.get(0).time() + spec.window().toMillis();
        pruned.add(
            new Explanation.Pruned(
                events.stream().map(Event::eventId).toList(),
                reached,
                timestamp - start,
                window ? "window" : "within"));
      }
      if (spec.emitTimeouts()) {
        emitted.add(new Emitted("timeout", match));
      }
    }

    private List<Event> inOrder(Map<String, List<Event>> match) {
      List<Event> events = new ArrayList<>();
      for (String stage : spec.stageNames()) {
        List<Event> es = match.get(stage);
        if (es != null) {
          events.addAll(es);
        }
      }
      events.sort(Comparator.comparingLong(Event::time));
      return events;
    }

    private Explanation.EventRef ref(Event e) {
      return new Explanation.EventRef(e.eventId(), e.type(), e.time() - start);
    }

    Explanation.SessionExplanation finish(int events, int open, FirePolicy policy) {
      List<Explanation.Match> matches = new ArrayList<>();
      FireState state = FireState.EMPTY;
      for (Emitted x : emitted) {
        Signal signal = MatchToSignal.toSignal(spec, x.match(), x.kind(), 0, 0);
        long at = policy.emittedAt(signal);
        boolean fired = true;
        String heldBy = null;
        if (!policy.stateless()) {
          FirePolicy.Decision d = policy.decide(state, signal, at);
          state = d.next();
          fired = d.fire();
          heldBy = fired ? null : d.heldBy().name().toLowerCase(Locale.ROOT);
        }
        matches.add(
            new Explanation.Match(
                x.kind(), signal.eventIds(), at - start, signal.signalId(), fired, heldBy));
      }
      List<Explanation.StageEntries> stages = new ArrayList<>();
      entered.forEach(
          (stage, es) ->
              stages.add(new Explanation.StageEntries(stage, es.stream().map(this::ref).toList())));
      List<Explanation.Miss> missList =
          misses.values().stream()
              .sorted(
                  Comparator.comparingInt(Missed::depth)
                      .reversed()
                      .thenComparingLong(Missed::offset))
              .map(Missed::counted)
              .toList();
      return new Explanation.SessionExplanation(
          session,
          Instant.ofEpochMilli(start).toString(),
          events,
          stages,
          missList,
          List.copyOf(pruned),
          matches,
          open,
          past);
    }
  }
}
