package io.frictionflow.detect;

import io.frictionflow.event.Event;
import io.frictionflow.pattern.CepPatternCompiler;
import io.frictionflow.pattern.ConditionTracer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.cep.configuration.SharedBufferCacheConfig;
import org.apache.flink.cep.nfa.ComputationState;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.NFAStateSerializer;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.time.TimerService;
import org.apache.flink.configuration.Configuration;

/**
 * One pattern's compiled FlinkCEP {@link NFA} with its state, as the detector hosts it: the NFA
 * state under {@code <prefix>/nfa} and the {@link SharedBuffer} under {@code
 * <prefix>/sharedBuffer-*}, where the prefix is {@link HostedPattern#statePrefix}; in eager mode, a
 * copy under {@code <prefix>/base/...} while events of the session are in flight. Drives the NFA
 * the way FlinkCEP's operator does (advance time to an event's timestamp, then process it), and
 * clears all of its state for the current key when no partial match is left.
 *
 * <p>Public for {@code explain}, which hosts the same automaton over an in-memory state store with
 * a {@link ConditionTracer}; the detector builds it without one.
 */
public final class HostedNfa {
  /** Receives what the automaton emits. */
  public interface Emitter {
    void match(HostedNfa nfa, Map<String, List<Event>> match, long timestamp) throws Exception;

    void timeout(HostedNfa nfa, Map<String, List<Event>> match, long timestamp) throws Exception;
  }

  final HostedPattern pattern;
  private final NFA<Event> nfa;
  private final AfterMatchSkipStrategy skip;
  private PrefixedStateStore store;
  private ValueState<NFAState> nfaState;
  private SharedBuffer<Event> buffer;

  /** Whether a stage has its own {@code within}: then any advance may time out a partial match. */
  private final boolean stageWindows;

  HostedNfa(HostedPattern pattern) {
    this(pattern, ConditionTracer.NONE, pattern.spec().emitTimeouts());
  }

  /**
   * The automaton of {@code pattern} whose conditions report to {@code tracer}.
   *
   * @param timeouts whether partial matches cut by a window are handed to {@link Emitter#timeout}
   *     (FlinkCEP's only use of the flag); the detector sets it when the pattern emits timeouts,
   *     {@code explain} always, to tell what the window pruned
   */
  public HostedNfa(HostedPattern pattern, ConditionTracer tracer, boolean timeouts) {
    this.pattern = pattern;
    this.stageWindows = pattern.spec().stages().stream().anyMatch(st -> st.within() != null);
    Pattern<Event, Event> p = CepPatternCompiler.compile(pattern.spec(), tracer);
    this.nfa = NFACompiler.compileFactory(p, timeouts).createNFA();
    this.skip = p.getAfterMatchSkipStrategy();
  }

  /** The pattern hosted. */
  public HostedPattern pattern() {
    return pattern;
  }

  /** Binds the state; called once per operator instance. */
  public void initialize(
      KeyedStateStore keyed, TypeSerializer<Event> events, SharedBufferCacheConfig cache) {
    store = new PrefixedStateStore(keyed, pattern.statePrefix());
    nfaState = store.getState(new ValueStateDescriptor<>("nfa", new NFAStateSerializer()));
    buffer = new SharedBuffer<>(store, events, cache);
  }

  /**
   * Binds the state {@code previous} bound (same state prefix): an edit of a pattern that keeps its
   * state version runs the new automaton on the sessions' partial matches as they are.
   */
  void adoptState(HostedNfa previous) {
    store = previous.store;
    nfaState = previous.nfaState;
    buffer = previous.buffer;
  }

  public void open(RuntimeContext runtime) throws Exception {
    nfa.open(runtime, new Configuration());
  }

  public void close() throws Exception {
    closeAutomaton();
    closeState();
  }

  /** Releases what the state holds besides the state (the shared buffer's statistics timer). */
  void closeState() {
    if (buffer != null) {
      buffer.releaseCacheStatisticsTimer();
    }
  }

  /** Closes the automaton only (its state may live on in a pattern that adopted it). */
  void closeAutomaton() throws Exception {
    nfa.close();
  }

  /** The spec the automaton was compiled from. */
  io.frictionflow.pattern.PatternSpec spec() {
    return pattern.spec();
  }

  String key() {
    return pattern.statePrefix();
  }

  /** The window from first to last event in ms, or 0 when the pattern has none. */
  long windowMs() {
    return nfa.getWindowTime();
  }

  /** The NFA state of a session without partial matches. */
  public NFAState initial() {
    return nfa.createInitialNFAState();
  }

  /** The current key's NFA state, or the initial one. */
  public NFAState load() throws Exception {
    NFAState s = nfaState.value();
    return s != null ? s : nfa.createInitialNFAState();
  }

  /**
   * Lets time pass to {@code timestamp}: partial matches out of their window time out, absences
   * that end the pattern complete, the shared buffer is pruned.
   */
  public void advance(NFAState state, long timestamp, Emitter out) throws Exception {
    Tuple2<Collection<Map<String, List<Event>>>, Collection<Tuple2<Map<String, List<Event>>, Long>>>
        r;
    try (SharedBufferAccessor<Event> a = buffer.getAccessor()) {
      r = nfa.advanceTime(a, state, timestamp, skip);
    }
    for (Map<String, List<Event>> m : r.f0) {
      out.match(this, m, timestamp);
    }
    for (Tuple2<Map<String, List<Event>>, Long> t : r.f1) {
      out.timeout(this, t.f0, t.f1);
    }
  }

  /**
   * Feeds {@code event} at {@code timestamp}.
   *
   * @return whether a new partial match started (then the window end needs a timer)
   */
  public boolean process(
      NFAState state, Event event, long timestamp, TimerService time, Emitter out)
      throws Exception {
    Collection<Map<String, List<Event>>> matches;
    try (SharedBufferAccessor<Event> a = buffer.getAccessor()) {
      matches = nfa.process(a, state, event, timestamp, skip, time);
    }
    for (Map<String, List<Event>> m : matches) {
      out.match(this, m, timestamp);
    }
    return nfa.getWindowTime() > 0 && state.isNewStartPartialMatch();
  }

  /**
   * Stores {@code state} for the current key, or clears all of the pattern's state when no partial
   * match is left (the shared buffer then holds nothing a later event could refer to).
   *
   * @return whether the pattern still has partial matches in this session
   */
  public boolean save(NFAState state, boolean wasActive) throws Exception {
    if (idle(state)) {
      // An event taken and released at once still leaves its timestamp's event counter behind.
      if (wasActive || state.isStateChanged()) {
        store.clearAll();
      }
      return false;
    }
    if (state.isStateChanged()) {
      state.resetStateChanged();
      state.resetNewStartPartialMatch();
      nfaState.update(state);
    }
    return true;
  }

  /** Clears all of the pattern's state for the current key, and its base copy. */
  public void clear() {
    store.clearAll();
    store.clearBase();
  }

  /**
   * The states of a pattern no longer hosted, whose state prefix is {@code prefix}, for {@link
   * PrefixedStateStore#clearAll} and {@link PrefixedStateStore#clearBase}.
   */
  PrefixedStateStore unhosted(String prefix) {
    return store.sibling(prefix);
  }

  /** Clears the pattern's current state for the current key, keeping the base copy. */
  void clearCurrent() {
    store.clearAll();
  }

  /** Copies the current key's state aside (see {@link PrefixedStateStore}). */
  void saveBase() throws Exception {
    store.saveBase();
  }

  /** Puts the copy back. */
  void restoreBase() throws Exception {
    store.restoreBase();
  }

  /** Drops the copy. */
  void clearBase() {
    store.clearBase();
  }

  /**
   * The earliest event time at which advancing time changes {@code state}: the first window end of
   * its partial matches (FlinkCEP times out, completes absences and releases held matches only
   * there); {@link Long#MIN_VALUE} when that cannot be told (stage windows, held matches).
   */
  long due(NFAState state) {
    long window = nfa.getWindowTime();
    if (stageWindows || window <= 0 || !state.getCompletedMatches().isEmpty()) {
      return Long.MIN_VALUE;
    }
    long due = Long.MAX_VALUE;
    for (ComputationState c : state.getPartialMatches()) {
      if (c.getPreviousBufferEntry() != null) {
        due = Math.min(due, c.getStartTimestamp() + window);
      }
    }
    return due;
  }

  private static boolean idle(NFAState state) {
    if (!state.getCompletedMatches().isEmpty()) {
      return false;
    }
    for (ComputationState c : state.getPartialMatches()) {
      if (c.getPreviousBufferEntry() != null) {
        return false;
      }
    }
    return true;
  }
}
