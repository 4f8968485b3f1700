package io.frictionflow.detect;

import io.frictionflow.pattern.CatalogDiff;
import io.frictionflow.pattern.PatternSpec;
import io.frictionflow.pattern.PatternUpdate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector's catalog while the job runs: decides what a {@link PatternUpdate} does to the
 * hosted patterns, and keeps every update applied in broadcast state ({@value #STATE_NAME}: pattern
 * id to {@link AppliedUpdate}, the same on every subtask), so that after a failover or a restore
 * the detector runs what it had applied: the job's catalog at build time (the jar's bundled one or
 * {@code --patterns}) with the applied updates over it, in the order they were applied.
 *
 * <p>An update is refused, and the hosted version keeps running, when it does not parse, FlinkCEP
 * rejects it, a parameter does not bind, or it changes the pattern's automaton under the same state
 * version in a way the sessions' partial matches cannot resume in ({@link CatalogDiff#stateBreak});
 * the operator refuses it too when it fails to host it.
 */
final class LiveCatalog implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveCatalog.class);

  /** Name of the broadcast state of applied updates. */
  static final String STATE_NAME = "detect/catalog";

  static final MapStateDescriptor<String, AppliedUpdate> STATE =
      new MapStateDescriptor<>(STATE_NAME, Types.STRING, TypeInformation.of(AppliedUpdate.class));

  private final Map<String, String> params;
  private transient BroadcastState<String, AppliedUpdate> applied;
  private transient long version;
  private transient long lastApplied;

  /**
   * @param params the job's {@code --param} settings, bound to every update as at the start
   */
  LiveCatalog(Map<String, String> params) {
    this.params = Map.copyOf(params);
  }

  /** What an update leads to: the patterns to host next (null when refused) and its status. */
  record Decision(List<HostedPattern> next, PatternStatus status) {}

  void initialize(OperatorStateStore store) throws Exception {
    applied = store.getBroadcastState(STATE);
  }

  /** The catalog version: updates applied since the job first started. */
  long version() {
    return version;
  }

  /** When the last update was applied, epoch ms; 0 before any. */
  long lastApplied() {
    return lastApplied;
  }

  /**
   * The patterns to host after a restore: {@code bundled} with the applied updates over it. An
   * update that no longer resolves (a jar whose parser refuses it) leaves the pattern as {@code
   * bundled} has it, with a warning.
   */
  List<HostedPattern> restore(List<HostedPattern> bundled) throws Exception {
    List<Map.Entry<String, AppliedUpdate>> entries = new ArrayList<>();
    for (Map.Entry<String, AppliedUpdate> e : applied.entries()) {
      entries.add(Map.entry(e.getKey(), e.getValue()));
    }
    entries.sort(Comparator.comparingLong(e -> e.getValue().catalogVersion()));
    List<HostedPattern> hosted = new ArrayList<>(bundled);
    for (Map.Entry<String, AppliedUpdate> e : entries) {
      version = Math.max(version, e.getValue().catalogVersion());
      lastApplied = Math.max(lastApplied, e.getValue().appliedAt());
      PatternUpdate u = new PatternUpdate(e.getKey(), e.getValue().text());
      PatternUpdate.Resolved r = u.resolve(params);
      if (!r.ok()) {
        LOG.warn(
            "pattern {} as applied before the restore no longer resolves, running the job's own: {}",
            e.getKey(),
            r.error());
        continue;
      }
      hosted = replace(hosted, e.getKey(), r.spec());
    }
    return hosted;
  }

  /**
   * What {@code u} does to {@code hosted}.
   *
   * @param retired the spec of a retired pattern by state prefix, or null
   */
  Decision decide(
      PatternUpdate u,
      List<HostedPattern> hosted,
      Function<String, PatternSpec> retired,
      long now) {
    PatternUpdate.Resolved r = u.resolve(params);
    PatternSpec running =
        hosted.stream()
            .map(HostedPattern::spec)
            .filter(s -> s.id().equals(u.patternId()))
            .findFirst()
            .orElse(null);
    if (!r.ok()) {
      return refused(u, running, r.error(), now);
    }
    PatternSpec next = r.spec();
    if (next != null) {
      // Partial matches under the same state name: the running version, or a retired one that
      // sessions may still hold.
      PatternSpec before =
          running != null && running.stateVersion() == next.stateVersion()
              ? running
              : retired.apply(next.uid());
      if (before != null) {
        String why = CatalogDiff.stateBreak(before, next);
        if (!why.isEmpty()) {
          return refused(
              u,
              next,
              why
                  + " without a state_version bump: the sessions' partial matches under "
                  + next.uid()
                  + " cannot resume; bump state_version to "
                  + (next.stateVersion() + 1),
              now);
        }
      }
    }
    List<HostedPattern> after = replace(hosted, u.patternId(), next);
    if (after.isEmpty()) {
      return refused(u, running, "the job would run no pattern at all", now);
    }
    String reason;
    if (next == null) {
      reason =
          running == null
              ? "not running"
              : "removed: the partial matches under " + running.uid() + " are dropped";
    } else if (running == null) {
      reason = "new pattern, state " + next.uid();
    } else if (running.stateVersion() != next.stateVersion()) {
      reason =
          "state version "
              + running.stateVersion()
              + " -> "
              + next.stateVersion()
              + ": the partial matches under "
              + running.uid()
              + " are dropped";
    } else {
      reason = "compatible: keeps partial matches under " + next.uid();
    }
    PatternSpec described = next != null ? next : running;
    return new Decision(
        after,
        new PatternStatus(
            u.patternId(),
            described == null ? 0 : described.version(),
            described == null ? 0 : described.stateVersion(),
            next == null ? PatternStatus.REMOVED : PatternStatus.APPLIED,
            reason,
            now,
            version + 1));
  }

  /** Records {@code u} as applied (the decision's status carries the new version). */
  void commit(PatternUpdate u, PatternStatus status) throws Exception {
    version = status.catalogVersion();
    lastApplied = status.time();
    applied.put(u.patternId(), new AppliedUpdate(u.text(), version, status.time()));
  }

  private Decision refused(PatternUpdate u, PatternSpec described, String reason, long now) {
    return new Decision(
        null,
        new PatternStatus(
            u.patternId(),
            described == null ? 0 : described.version(),
            described == null ? 0 : described.stateVersion(),
            PatternStatus.REJECTED,
            reason,
            now,
            version));
  }

  /** {@code hosted} with pattern {@code id} replaced by {@code spec} (in its place), or dropped. */
  private static List<HostedPattern> replace(
      List<HostedPattern> hosted, String id, PatternSpec spec) {
    List<HostedPattern> out = new ArrayList<>();
    boolean placed = false;
    for (HostedPattern p : hosted) {
      if (!p.spec().id().equals(id)) {
        out.add(p);
      } else if (!placed && spec != null) {
        out.add(HostedPattern.of(spec));
        placed = true;
      }
    }
    if (!placed && spec != null) {
      out.add(HostedPattern.of(spec));
    }
    return out;
  }

  /** A refused decision for an update the operator could not host. */
  PatternStatus refusedHosting(PatternStatus applied, Exception e) {
    return new PatternStatus(
        applied.patternId(),
        applied.version(),
        applied.stateVersion(),
        PatternStatus.REJECTED,
        "cannot host the pattern: " + e,
        applied.time(),
        version);
  }
}
