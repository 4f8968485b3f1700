package io.frictionflow.pattern;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pattern with every parameter resolved: what the CEP compiler and the fire policy consume.
 *
 * @param stateVersion part of the name of the pattern's state ({@link #uid}); bump it when a stage
 *     is renamed or removed
 * @param on event types the pattern listens to; its input is filtered to them
 * @param window the whole match must fit in it (first to last event), or null
 * @param emitTimeouts whether partial matches cut by the window become {@code timeout} signals
 * @param profile the profile in force, {@code default} when none was chosen
 * @param params every parameter's value in force, for the record
 */
public record PatternSpec(
    String id,
    int version,
    int stateVersion,
    String description,
    String severity,
    List<String> tags,
    Set<String> on,
    List<StageSpec> stages,
    Duration window,
    SkipSpec skip,
    FireSpec fire,
    boolean emitTimeouts,
    String profile,
    Map<String, Object> params)
    implements Serializable {

  /**
   * The name the pattern's state is kept under in the detector (the prefix of its automaton's
   * state, {@code cep-<id>-v<state_version>}; it was the uid of the pattern's own CEP operator):
   * stable across jar upgrades, changed only by a state-version bump.
   */
  public String uid() {
    return "cep-" + id + "-v" + stateVersion;
  }

  /** Stage names in order. */
  public List<String> stageNames() {
    return stages.stream().map(StageSpec::name).toList();
  }
}
