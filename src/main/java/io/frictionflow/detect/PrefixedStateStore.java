package io.frictionflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A view of the operator's keyed state in which every name gets a prefix ({@code <prefix>/<name>}),
 * so that several FlinkCEP {@code SharedBuffer}s, whose state names are fixed, live side by side in
 * one operator. Each state it hands out has a twin under {@code <prefix>/base/<name>}: a copy of
 * the current key's state taken with {@link #saveBase} and put back with {@link #restoreBase},
 * which is how the eager detector rolls a pattern back when an event of the session arrives out of
 * order. Only value and map state (all a {@code SharedBuffer} and an NFA state need).
 *
 * <p>{@link #sibling} gives a store with the same states under another prefix: how the detector
 * clears the state of a pattern it no longer hosts (removed, or its state version bumped), whose
 * states a restored session may still have.
 */
final class PrefixedStateStore extends ValueAndMapStateStore {
  /** A state and its base copy. */
  private abstract static class Twin {
    private final State cur;
    private final State base;

    Twin(State cur, State base) {
      this.cur = cur;
      this.base = base;
    }

    abstract void save() throws Exception;

    abstract void restore() throws Exception;

    void clear() {
      cur.clear();
    }

    void clearBase() {
      base.clear();
    }
  }

  private final KeyedStateStore delegate;
  private final String prefix;
  private final List<Twin> twins = new ArrayList<>();
  private final List<StateDescriptor<?, ?>> registered = new ArrayList<>();

  PrefixedStateStore(KeyedStateStore delegate, String prefix) {
    this.delegate = delegate;
    this.prefix = prefix;
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
    registered.add(d);
    TypeSerializer<T> ser = d.getSerializer();
    ValueState<T> cur =
        delegate.getState(new ValueStateDescriptor<>(prefix + "/" + d.getName(), ser));
    ValueState<T> base =
        delegate.getState(new ValueStateDescriptor<>(prefix + "/base/" + d.getName(), ser));
    twins.add(
        new Twin(cur, base) {
          @Override
          void save() throws Exception {
            copy(cur, base);
          }

          @Override
          void restore() throws Exception {
            copy(base, cur);
          }

          private void copy(ValueState<T> from, ValueState<T> to) throws Exception {
            T v = from.value();
            if (v == null) {
              to.clear();
            } else {
              // Heap state stores references, and FlinkCEP mutates what it reads: a deep copy.
              to.update(ser.copy(v));
            }
          }
        });
    return cur;
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> d) {
    registered.add(d);
    TypeSerializer<K> ks = d.getKeySerializer();
    TypeSerializer<V> vs = d.getValueSerializer();
    MapState<K, V> cur =
        delegate.getMapState(new MapStateDescriptor<>(prefix + "/" + d.getName(), ks, vs));
    MapState<K, V> base =
        delegate.getMapState(new MapStateDescriptor<>(prefix + "/base/" + d.getName(), ks, vs));
    twins.add(
        new Twin(cur, base) {
          @Override
          void save() throws Exception {
            // The base is empty before a save (dropped when the flight lands): no clear, which on
            // RocksDB is a seek.
            copy(cur, base);
          }

          @Override
          void restore() throws Exception {
            cur.clear();
            copy(base, cur);
          }

          private void copy(MapState<K, V> from, MapState<K, V> to) throws Exception {
            for (Map.Entry<K, V> e : from.entries()) {
              to.put(ks.copy(e.getKey()), vs.copy(e.getValue()));
            }
          }
        });
    return cur;
  }

  /**
   * A store on the same keyed state with every state this one has handed out, under {@code
   * otherPrefix}: all patterns' states have the same kinds and serializers (an NFA state and a
   * shared buffer of events), so this reaches the states of a pattern no longer hosted.
   */
  PrefixedStateStore sibling(String otherPrefix) {
    PrefixedStateStore s = new PrefixedStateStore(delegate, otherPrefix);
    for (StateDescriptor<?, ?> d : registered) {
      if (d instanceof ValueStateDescriptor<?> v) {
        s.getState(v);
      } else {
        s.getMapState((MapStateDescriptor<?, ?>) d);
      }
    }
    return s;
  }

  /** Clears every state handed out, for the current key (not the base copy). */
  void clearAll() {
    for (Twin t : twins) {
      t.clear();
    }
  }

  /** Copies the current key's state to its base copy. */
  void saveBase() throws Exception {
    for (Twin t : twins) {
      t.save();
    }
  }

  /** Puts the base copy back as the current key's state. */
  void restoreBase() throws Exception {
    for (Twin t : twins) {
      t.restore();
    }
  }

  /** Drops the base copy of the current key. */
  void clearBase() {
    for (Twin t : twins) {
      t.clearBase();
    }
  }

  @Override
  public String getBackendTypeIdentifier() {
    return delegate.getBackendTypeIdentifier();
  }

  @Override
  protected String refusal() {
    return "only value and map state are prefixed";
  }
}
