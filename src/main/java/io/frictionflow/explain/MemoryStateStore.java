package io.frictionflow.explain;

import io.frictionflow.detect.ValueAndMapStateStore;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * Keyed value and map state on the heap of this process, for the current key ({@link #setKey}):
 * what {@code explain} gives the detector's {@code HostedNfa} in place of a Flink backend. Like the
 * heap backend it keeps references (FlinkCEP's state objects are used as they are, not copied).
 * State of a key lives until {@link #clearKey}; only value and map state, all an NFA needs.
 */
final class MemoryStateStore extends ValueAndMapStateStore {
  /** Per state name, per key, the value. */
  private final Map<String, Map<String, Object>> states = new HashMap<>();

  private String key = "";

  /** Makes {@code k} the key that state reads and writes refer to. */
  void setKey(String k) {
    key = k;
  }

  /** Drops every state of the current key. */
  void clearKey() {
    for (Map<String, Object> byKey : states.values()) {
      byKey.remove(key);
    }
  }

  private Map<String, Object> byKey(String name) {
    return states.computeIfAbsent(name, n -> new HashMap<>());
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
    Map<String, Object> values = byKey("value/" + d.getName());
    return new ValueState<>() {
      @Override
      @SuppressWarnings("unchecked")
      public T value() {
        return (T) values.get(key);
      }

      @Override
      public void update(T v) {
        if (v == null) {
          values.remove(key);
        } else {
          values.put(key, v);
        }
      }

      @Override
      public void clear() {
        values.remove(key);
      }
    };
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> d) {
    Map<String, Object> maps = byKey("map/" + d.getName());
    return new MapState<>() {
      @SuppressWarnings("unchecked")
      private Map<K, V> map(boolean create) {
        Object m = maps.get(key);
        if (m == null && create) {
          m = new LinkedHashMap<K, V>();
          maps.put(key, m);
        }
        return m == null ? Map.of() : (Map<K, V>) m;
      }

      @Override
      public V get(K k) {
        return map(false).get(k);
      }

      @Override
      public void put(K k, V v) {
        map(true).put(k, v);
      }

      @Override
      public void putAll(Map<K, V> all) {
        map(true).putAll(all);
      }

      @Override
      public void remove(K k) {
        if (maps.containsKey(key)) {
          map(true).remove(k);
        }
      }

      @Override
      public boolean contains(K k) {
        return map(false).containsKey(k);
      }

      @Override
      public Iterable<Map.Entry<K, V>> entries() {
        return map(false).entrySet();
      }

      @Override
      public Iterable<K> keys() {
        return map(false).keySet();
      }

      @Override
      public Iterable<V> values() {
        return map(false).values();
      }

      @Override
      public Iterator<Map.Entry<K, V>> iterator() {
        return map(false).entrySet().iterator();
      }

      @Override
      public boolean isEmpty() {
        return map(false).isEmpty();
      }

      @Override
      public void clear() {
        maps.remove(key);
      }
    };
  }

  @Override
  public String getBackendTypeIdentifier() {
    return "explain-memory";
  }

  @Override
  protected String refusal() {
    return "explain keeps only value and map state";
  }
}
