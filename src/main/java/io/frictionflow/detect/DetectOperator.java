package io.frictionflow.detect;

import io.frictionflow.event.Event;
import io.frictionflow.pattern.PatternUpdate;
import io.frictionflow.signal.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.cep.configuration.SharedBufferCacheConfig;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.time.TimerService;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * One keyed operator (key: session id) that hosts every pattern's compiled FlinkCEP NFA and shared
 * buffer, and turns their matches into {@link Signal}s ({@link MatchToSignal}); the fire policies
 * run after it ({@link FirePoliciesFunction}).
 *
 * <p>State per session: one {@link SessionProgress} ({@code detect/session}), read and written once
 * per event; in strict mode one element buffer for all patterns ({@code detect/buffer}, event time
 * to the events at that time, in arrival order); per pattern with partial matches, its NFA state
 * and shared buffer under {@code cep-<id>-v<state_version>/...} ({@link HostedNfa}). An event is
 * fed only to the patterns whose {@code on:} types (and session prefixes) select it; a pattern
 * without partial matches in the session has no state at all and costs no read.
 *
 * <p>Timers (at most one per session and time): per buffered (strict) or in-flight (eager) event
 * time, at each new partial match's window end (as FlinkCEP), and at the session's end: the last
 * event plus the larger of the session timeout and the longest window, rounded up to the minute (a
 * stale one finds the end moved). A timer feeds the buffered events the watermark passed in order,
 * advances the patterns that are due, and at the session's end clears all of the session's state.
 *
 * <p>Eager mode, out of order: while events fed eagerly are not yet passed by the watermark (the
 * session's flight, {@code detect/flight}), each pattern they touch keeps a base copy of its state
 * ({@code <prefix>/base/...}); an older event rolls the patterns it selects back and the flight is
 * fed again in event-time order, without emitting a signal twice. The flight lands (copies and
 * buffer dropped) when the watermark passes its newest event.
 *
 * <p>Late: an event at or behind the watermark, and in eager mode an event older than what can be
 * rolled back to (after a flight of more than {@link #MAX_FLIGHT} events landed early), go to the
 * late output, counted per reason ({@code detect_late_<reason>}).
 *
 * <p>Restored from an older pattern set: a session's state of a pattern no longer hosted (removed,
 * or its state version bumped) is cleared when the session is next touched (an event or a timer;
 * the session's end timer at the latest), so a breaking edit loses only that pattern's partial
 * matches and leaves no state behind; with the session cache, the cache drops those names when it
 * loads the session.
 *
 * <p>Live catalog (built with {@link #live}): the operator takes a second input, pattern updates
 * broadcast to every subtask, and is then a two-input operator; without one it is the one-input
 * operator above, unchanged. An update is compiled here; one that cannot run is refused and the
 * hosted version keeps running ({@link LiveCatalog} decides). Each update's {@link PatternStatus}
 * goes to the {@link #STATUS} output (from subtask 0 only: every subtask decides the same). Hosting
 * an update: a pattern that keeps its state prefix adopts the state it had (partial matches resume
 * in the new automaton); a pattern no longer hosted under its prefix (removed, or its state version
 * bumped) is retired, and a session that still holds its state has it cleared when the session is
 * next touched (an event or a timer); a new pattern starts with the next event of each session. The
 * applied updates are in broadcast state ({@value LiveCatalog#STATE_NAME}), restored before any
 * event. The second input carries no event time: its watermarks are ignored and it counts as idle.
 */
public final class DetectOperator extends AbstractStreamOperator<Signal>
    implements OneInputStreamOperator<Event, Signal>,
        TwoInputStreamOperator<Event, PatternUpdate, Signal>,
        Triggerable<String, VoidNamespace> {
  /** Name of the per-session progress state. */
  public static final String PROGRESS_STATE = "detect/session";

  /** Name of the element buffer (strict mode). */
  public static final String BUFFER_STATE = "detect/buffer";

  /** Late reason: at or behind the watermark. */
  public static final String BEHIND_WATERMARK = "behind_watermark";

  /** Late reason: older than what can be rolled back to (eager mode). */
  public static final String OUT_OF_ORDER = "out_of_order";

  /** Name of the flight buffer: events fed eagerly and not yet passed by the watermark. */
  public static final String FLIGHT_STATE = "detect/flight";

  private static final long END_GRANULARITY_MS = 60_000;
  private static final long LANDING_GRANULARITY_MS = 100;

  /** What the detector did with each pattern update (live catalog only). */
  public static final OutputTag<PatternStatus> STATUS =
      new OutputTag<>("pattern-status", TypeInformation.of(PatternStatus.class));

  /** Sessions whose state the detector caches by default (see {@link SessionStateCache}). */
  public static final int DEFAULT_CACHE_SESSIONS = 20_000;

  /** Most events a session keeps in flight; past it, older out-of-order events are late. */
  static final int MAX_FLIGHT = 512;

  private final List<HostedPattern> patterns;
  private final DetectMode mode;
  private final long sessionTimeoutMs;
  private long endAfterMs;
  private final OutputTag<Event> late;
  private final int cacheSessions;

  /** The live catalog, or null when the patterns are fixed at build time. */
  private LiveCatalog live;

  /** Use the session cache on the heap backend too (measurements only). */
  boolean cacheOnHeap;

  private transient SessionStateCache cache;

  /** Restored: a session may have state of patterns no longer hosted. */
  private transient boolean restored;

  /** The states of patterns no longer hosted, by state prefix (made on first need). */
  private transient Map<String, PrefixedStateStore> unhosted;

  private transient HostedNfas nfas;
  private transient ValueState<SessionProgress> progress;
  private transient MapState<Long, List<Event>> buffer;
  private transient MapState<Long, List<Event>> flight;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient TimerService cepTime;
  private transient Counter lateBehind;
  private transient Counter lateOutOfOrder;
  private transient SignalEmitter emitter;
  private transient KeyedStateStore keyed;
  private transient TypeSerializer<Event> events;
  private transient SharedBufferCacheConfig bufferCache;
  private transient MetricGroup metrics;
  private transient Map<String, Counter> matches;
  private transient Counter rejected;

  /**
   * @param sessionTimeout a session without events for this long (or for its longest window, if
   *     longer) ends and its state is cleared
   * @param late where late events go
   */
  public DetectOperator(
      List<HostedPattern> patterns,
      DetectMode mode,
      Duration sessionTimeout,
      OutputTag<Event> late) {
    this(patterns, mode, sessionTimeout, late, DEFAULT_CACHE_SESSIONS);
  }

  /**
   * @param cacheSessions the most sessions whose state the detector keeps on the heap in front of a
   *     backend that is not the heap backend ({@link SessionStateCache}); 0 for none
   */
  public DetectOperator(
      List<HostedPattern> patterns,
      DetectMode mode,
      Duration sessionTimeout,
      OutputTag<Event> late,
      int cacheSessions) {
    if (cacheSessions < 0) {
      throw new IllegalArgumentException("cache sessions must be 0 or more, not " + cacheSessions);
    }
    this.cacheSessions = cacheSessions;
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("no pattern to detect");
    }
    this.patterns = List.copyOf(patterns);
    this.mode = mode;
    this.late = late;
    this.sessionTimeoutMs = sessionTimeout.toMillis();
    this.endAfterMs = endAfter(patterns, sessionTimeoutMs);
  }

  /**
   * Takes pattern updates on a second input (see the class comment).
   *
   * @param params the job's {@code --param} settings, bound to every update as at the start
   * @return this operator
   */
  public DetectOperator live(Map<String, String> params) {
    this.live = new LiveCatalog(params);
    return this;
  }

  /** The larger of the session timeout and the longest window. */
  private static long endAfter(List<HostedPattern> patterns, long sessionTimeoutMs) {
    long longest = sessionTimeoutMs;
    for (HostedPattern p : patterns) {
      if (p.spec().window() != null) {
        longest = Math.max(longest, p.spec().window().toMillis());
      }
    }
    return longest;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    restored = context.isRestored();
    unhosted = new HashMap<>();
    events =
        TypeInformation.of(Event.class)
            .createSerializer(getExecutionConfig().getSerializerConfig());
    keyed = context.getKeyedStateStore();
    boolean heap = getKeyedStateBackend() instanceof HeapKeyedStateBackend<?>;
    SessionStateCache.Plain plain = null;
    if (cacheSessions > 0 && (!heap || cacheOnHeap)) {
      cache = new SessionStateCache(keyed, getExecutionConfig(), keys(), cacheSessions);
      keyed = cache;
    } else if (restored) {
      plain = new SessionStateCache.Plain(keyed);
      keyed = plain;
    }
    bufferCache = SharedBufferCacheConfig.of(getOperatorConfig().getConfiguration());
    List<HostedPattern> hosted = patterns;
    if (live != null) {
      live.initialize(context.getOperatorStateStore());
      hosted = live.restore(patterns);
      endAfterMs = endAfter(hosted, sessionTimeoutMs);
    }
    nfas = new HostedNfas(hosted);
    for (HostedNfa n : nfas.all) {
      n.initialize(keyed, events, bufferCache);
    }
    progress =
        keyed.getState(
            new ValueStateDescriptor<>(PROGRESS_STATE, TypeInformation.of(SessionProgress.class)));
    buffer =
        keyed.getMapState(
            new MapStateDescriptor<>(
                BUFFER_STATE, LongSerializer.INSTANCE, new ListSerializer<>(events)));
    flight =
        keyed.getMapState(
            new MapStateDescriptor<>(
                FLIGHT_STATE, LongSerializer.INSTANCE, new ListSerializer<>(events)));
    // Restored from the other layout (the heap backend or the cache off, and the cache on; or the
    // other way): the state moves over, so changing either keeps every partial match.
    if (restored && this.cache != null) {
      this.cache.adoptPlain(this::keysOf);
    } else if (plain != null) {
      plain.adopt(keysOf(SessionStateCache.STATE), keys());
    }
  }

  private List<Object> keysOf(String state) {
    try (var keys = getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
      return keys.toList();
    }
  }

  private SessionStateCache.Keys keys() {
    return new SessionStateCache.Keys() {
      @Override
      public Object current() {
        return getCurrentKey();
      }

      @Override
      public void set(Object key) {
        setCurrentKey(key);
      }
    };
  }

  /**
   * Writes the cached sessions back before the keyed backend is snapshotted (this runs first, in
   * the checkpoint's synchronous part), so a checkpoint or savepoint holds exactly what the
   * operator has.
   */
  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    flushStateCache();
    super.snapshotState(context);
  }

  /** Writes the cached sessions' state to the backend (nothing without a cache). */
  void flushStateCache() {
    if (cache != null) {
      cache.flush();
    }
  }

  /** The session cache, or null when the state goes to the backend directly. */
  SessionStateCache stateCache() {
    return cache;
  }

  @Override
  public void open() throws Exception {
    super.open();
    timers = getInternalTimerService("detect-timers", VoidNamespaceSerializer.INSTANCE, this);
    cepTime = () -> getProcessingTimeService().getCurrentProcessingTime();
    for (HostedNfa n : nfas.all) {
      n.open(getRuntimeContext());
    }
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("frictionflow");
    metrics = group;
    lateBehind = group.counter("detect_late_" + BEHIND_WATERMARK);
    lateOutOfOrder = group.counter("detect_late_" + OUT_OF_ORDER);
    matches = new LinkedHashMap<>();
    for (HostedNfa n : nfas.all) {
      countMatches(n.pattern.spec().id());
    }
    if (live != null) {
      // The second input has no event time: only the events' watermark counts.
      combinedWatermark.updateStatus(1, true);
      group.gauge("catalog_version", live::version);
      group.gauge("catalog_last_apply_time", live::lastApplied);
      rejected = group.counter("catalog_rejected");
    }
    emitter =
        new SignalEmitter(new TimestampedCollector<>(output), matches, mode == DetectMode.EAGER);
  }

  private void countMatches(String id) {
    matches.computeIfAbsent(id, x -> metrics.addGroup("pattern", x).counter("matches"));
  }

  @Override
  public void close() throws Exception {
    super.close();
    if (nfas != null) {
      for (HostedNfa n : nfas.all) {
        n.close();
      }
      for (HostedNfa n : nfas.retired()) {
        n.closeState();
      }
    }
  }

  @Override
  public void processElement1(StreamRecord<Event> record) throws Exception {
    processElement(record);
  }

  /** A pattern update: decided, hosted or refused, and its status reported. */
  @Override
  public void processElement2(StreamRecord<PatternUpdate> record) throws Exception {
    PatternUpdate u = record.getValue();
    long now = System.currentTimeMillis();
    List<HostedPattern> hosted = new ArrayList<>();
    nfas.all.forEach(n -> hosted.add(n.pattern));
    LiveCatalog.Decision d =
        live.decide(
            u,
            hosted,
            key -> {
              HostedNfa r = nfas.retired(key);
              return r == null ? null : r.pattern.spec();
            },
            now);
    PatternStatus status = d.status();
    if (d.next() != null) {
      try {
        rehost(d.next());
        live.commit(u, status);
      } catch (Exception e) {
        status = live.refusedHosting(status, e);
      }
    }
    if (status.status().equals(PatternStatus.REJECTED)) {
      rejected.inc();
    }
    if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
      output.collect(STATUS, new StreamRecord<>(status));
    }
  }

  /**
   * Hosts {@code next} in place of the current patterns: each adopts the state of the pattern it
   * replaces under the same prefix (hosted or retired) or binds its own; those no longer hosted are
   * retired. The new automata are compiled before anything changes, so a failure leaves the hosted
   * patterns as they were.
   */
  private void rehost(List<HostedPattern> next) throws Exception {
    HostedNfas old = nfas;
    HostedNfas now = new HostedNfas(next, old);
    for (HostedNfa n : now.all) {
      HostedNfa prev = old.byKey(n.key());
      if (prev == n) {
        continue; // unchanged
      }
      if (prev == null) {
        prev = old.retired(n.key());
      }
      if (prev != null) {
        n.adoptState(prev);
      } else {
        n.initialize(keyed, events, bufferCache);
      }
      n.open(getRuntimeContext());
      countMatches(n.pattern.spec().id());
    }
    for (HostedNfa n : old.all) {
      if (now.byKey(n.key()) != n) {
        n.closeAutomaton();
        now.retire(n);
      }
    }
    for (HostedNfa n : old.retired()) {
      now.retire(n);
    }
    nfas = now;
    endAfterMs = endAfter(next, sessionTimeoutMs);
  }

  @Override
  public void processWatermark2(Watermark mark) {
    // Pattern updates carry no event time.
  }

  @Override
  protected void processWatermarkStatus(WatermarkStatus status, int index) throws Exception {
    if (live != null && index == 1) {
      return; // the pattern updates stay idle (see open)
    }
    super.processWatermarkStatus(status, index);
  }

  @Override
  public void processElement(StreamRecord<Event> record) throws Exception {
    Event e = record.getValue();
    List<HostedNfa> selected = nfas.select(e);
    if (selected.isEmpty()) {
      return;
    }
    long ts = record.hasTimestamp() ? record.getTimestamp() : e.time();
    // FlinkCEP's rule (and dedupe's): at or behind the watermark is late.
    if (ts <= timers.currentWatermark()) {
      lateBehind.inc();
      output.collect(late, new StreamRecord<>(e, ts));
      return;
    }
    SessionProgress p = progress.value();
    if (p == null) {
      p = new SessionProgress();
    } else {
      dropUnhosted(p);
    }
    emitter.session = p;
    if (mode == DetectMode.EAGER && p.pending.length == 0) {
      if (ts >= p.fed) {
        if (p.flight.length == 0) {
          p.emitted.clear();
        }
        touch(p, selected);
        feed(p, e, ts, selected);
        p.fed = ts;
        addToFlight(p, e, ts);
      } else if (ts < p.baseTime || p.flight.length == 0 || p.flightCount >= MAX_FLIGHT) {
        // Before what can be rolled back to (or the flight is full): it cannot be fed in order.
        lateOutOfOrder.inc();
        output.collect(late, new StreamRecord<>(e, ts));
        emitter.session = null;
        return;
      } else {
        rollBack(p, e, ts, selected);
      }
    } else {
      bufferEvent(p, e, ts);
    }
    emitter.session = null;
    if (ts > p.lastTime) {
      p.lastTime = ts;
      long end = (ts + endAfterMs) / END_GRANULARITY_MS * END_GRANULARITY_MS + END_GRANULARITY_MS;
      if (end > p.end) {
        p.end = end;
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, end);
      }
    }
    progress.update(p);
  }

  private void bufferEvent(SessionProgress p, Event e, long ts) throws Exception {
    List<Event> at = buffer.get(ts);
    if (at == null) {
      at = new ArrayList<>(2);
      p.pending = SessionProgress.insertSorted(p.pending, ts);
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, ts);
    }
    at.add(e);
    buffer.put(ts, at);
  }

  /** Takes the base copy of each pattern the flight has not touched yet. */
  private void touch(SessionProgress p, List<HostedNfa> patterns) throws Exception {
    for (HostedNfa n : patterns) {
      if (!p.based.contains(n.key())) {
        p.based.add(n.key());
        if (p.active.contains(n.key())) {
          n.saveBase();
          p.baseActive.add(n.key());
        }
      }
    }
  }

  private void addToFlight(SessionProgress p, Event e, long ts) throws Exception {
    List<Event> at = flight.get(ts);
    if (at == null) {
      at = new ArrayList<>(2);
      p.flight = SessionProgress.insertSorted(p.flight, ts);
      // When the watermark passes the newest event fed, the flight lands (see onEventTime); rounded
      // up so that a burst shares one timer (landing later only keeps the copies a little longer).
      timers.registerEventTimeTimer(
          VoidNamespace.INSTANCE, (ts / LANDING_GRANULARITY_MS + 1) * LANDING_GRANULARITY_MS);
    }
    at.add(e);
    flight.put(ts, at);
    if (++p.flightCount > MAX_FLIGHT) {
      land(p);
      p.baseTime = p.fed;
    }
  }

  /**
   * Clears the session's state of every pattern {@code p} names that is no longer hosted (restored
   * from an older pattern set, or retired by a live update), and forgets them. Nothing to do, and
   * no lookup per event, until the job was restored or an update retired a pattern.
   *
   * @return whether {@code p} changed
   */
  private boolean dropUnhosted(SessionProgress p) {
    if (!restored && !nfas.hasRetired()) {
      return false; // every pattern a session can name is hosted
    }
    boolean changed = false;
    for (Iterator<String> it = p.active.iterator(); it.hasNext(); ) {
      String key = it.next();
      if (nfas.byKey(key) == null) {
        clearUnhosted(key, false);
        it.remove();
        p.due.remove(key);
        changed = true;
      }
    }
    for (Iterator<String> it = p.baseActive.iterator(); it.hasNext(); ) {
      String key = it.next();
      if (nfas.byKey(key) == null) {
        clearUnhosted(key, true);
        it.remove();
        changed = true;
      }
    }
    changed |= p.based.removeIf(key -> nfas.byKey(key) == null);
    return changed;
  }

  /** Clears the current session's state (or its base copy) of a pattern no longer hosted. */
  private void clearUnhosted(String key, boolean base) {
    HostedNfa retired = nfas.retired(key);
    if (retired != null) { // retired by a live update: its own store reaches its state
      if (base) {
        retired.clearBase();
      } else {
        retired.clear();
      }
      return;
    }
    if (cache != null) {
      return; // the cache dropped names no pattern registers when it loaded the session
    }
    PrefixedStateStore s = unhosted.computeIfAbsent(key, k -> nfas.all.get(0).unhosted(k));
    if (base) {
      s.clearBase();
    } else {
      s.clearAll();
    }
  }

  /** Drops the base copies and the flight: no event older than the flight can come any more. */
  private void land(SessionProgress p) {
    for (String key : p.baseActive) {
      HostedNfa n = nfas.byKey(key);
      if (n != null) {
        n.clearBase();
      } else {
        clearUnhosted(key, true);
      }
    }
    for (long t : p.flight) {
      try {
        flight.remove(t);
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    }
    p.flight = new long[0];
    p.flightCount = 0;
    p.based.clear();
    p.baseActive.clear();
    p.emitted.clear();
  }

  /**
   * An event older than one already fed, within the flight: every pattern the event selects goes
   * back to its base copy (taken before the flight first touched it), and the flight's events that
   * it selects are fed again in event-time order with the event in its place. Signals already
   * emitted in the flight are not emitted again.
   */
  private void rollBack(SessionProgress p, Event e, long ts, List<HostedNfa> selected)
      throws Exception {
    // Only the patterns the event selects see a different sequence; the others' stays as it was.
    List<HostedNfa> affected = selected;
    for (HostedNfa n : affected) {
      if (!p.based.contains(n.key())) {
        touch(p, List.of(n));
      } else if (p.baseActive.contains(n.key())) {
        n.restoreBase();
        setActive(p, n, true, Long.MIN_VALUE);
      } else {
        n.clearCurrent();
        setActive(p, n, false, Long.MIN_VALUE);
      }
    }
    addToFlight(p, e, ts); // not full (see processElement): it does not land here
    for (long t : p.flight) {
      List<Event> at = flight.get(t);
      if (at == null) {
        continue;
      }
      for (Event x : at) {
        List<HostedNfa> to = new ArrayList<>();
        for (HostedNfa n : nfas.select(x)) {
          if (affected.contains(n)) {
            to.add(n);
          }
        }
        feed(p, x, t, to);
      }
    }
    // No advance to the watermark: the newest event fed is after it, and feeding advanced to it.
  }

  /** Feeds {@code e} at {@code ts} to {@code selected}, as FlinkCEP does: advance time, process. */
  private void feed(SessionProgress p, Event e, long ts, List<HostedNfa> selected)
      throws Exception {
    for (HostedNfa n : selected) {
      boolean wasActive = p.active.contains(n.key());
      // A pattern without partial matches has no state: nothing to read.
      NFAState s = wasActive ? n.load() : n.initial();
      n.advance(s, ts, emitter);
      if (n.process(s, e, ts, cepTime, emitter)) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, ts + n.windowMs());
      }
      setActive(p, n, n.save(s, wasActive), n.due(s));
    }
  }

  /** Records whether {@code n} has partial matches, and when time passing next matters to it. */
  private static void setActive(SessionProgress p, HostedNfa n, boolean active, long due) {
    boolean was = p.active.contains(n.key());
    if (active && !was) {
      p.active.add(n.key());
    } else if (!active && was) {
      p.active.remove(n.key());
    }
    if (active) {
      p.due.put(n.key(), due);
    } else {
      p.due.remove(n.key());
    }
  }

  @Override
  public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
    SessionProgress p = progress.value();
    if (p == null) {
      return;
    }
    emitter.session = p;
    try {
      onTimer(p, timer.getTimestamp());
    } finally {
      emitter.session = null;
    }
  }

  private void onTimer(SessionProgress p, long timestamp) throws Exception {
    long watermark = timers.currentWatermark();
    boolean dropped = dropUnhosted(p);
    // 1. Buffered events the watermark has passed, in event-time order, arrival order within one.
    int done = 0;
    while (done < p.pending.length && p.pending[done] <= watermark) {
      long ts = p.pending[done++];
      List<Event> at = buffer.get(ts);
      buffer.remove(ts);
      if (at != null) {
        for (Event e : at) {
          feed(p, e, ts, nfas.select(e));
        }
      }
      p.fed = Math.max(p.fed, ts);
    }
    if (done > 0) {
      p.pending = Arrays.copyOfRange(p.pending, done, p.pending.length);
    }
    // 2. Time passes to the watermark for the patterns with partial matches it can change.
    boolean changed = done > 0 || dropped;
    for (String key : List.copyOf(p.active)) {
      Long due = p.due.get(key);
      if (due != null && due > watermark) {
        continue;
      }
      changed = true;
      HostedNfa n = nfas.byKey(key);
      if (n == null) {
        // A pattern no longer hosted (restored from an older pattern set).
        clearUnhosted(key, false);
        p.active.remove(key);
        p.due.remove(key);
        continue;
      }
      NFAState s = n.load();
      n.advance(s, watermark, emitter);
      setActive(p, n, n.save(s, true), n.due(s));
    }
    // 3. The watermark passed every event fed eagerly: nothing can come before them any more.
    if (p.flight.length > 0 && watermark >= p.fed) {
      land(p);
      p.baseTime = Long.MIN_VALUE;
      changed = true;
    }
    if (p.flight.length == 0 && !p.emitted.isEmpty()) {
      p.emitted.clear();
      changed = true;
    }
    // 4. The session's end: every window has closed, so nothing is left to decide.
    if (timestamp >= p.end && p.pending.length == 0) {
      for (HostedNfa n : nfas.all) {
        if (p.active.contains(n.key()) || p.baseActive.contains(n.key())) {
          n.clear();
        }
      }
      dropUnhosted(p);
      buffer.clear();
      flight.clear();
      progress.clear();
      if (cache != null) {
        cache.endSession();
      }
      return;
    }
    if (changed) {
      progress.update(p);
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}
}
