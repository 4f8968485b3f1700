package io.frictionflow.detect;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A write-back cache of the detector's keyed state, per session: every value and map state it hands
 * out lives on the heap for the sessions in the cache, and the backend holds all of a session's
 * states in <b>one</b> map state ({@value #STATE}: state name, e.g. {@code cep-rage-click-v1/nfa},
 * to the value in that state's own serializer). A session is loaded with one read (one iteration of
 * its entries) on its first touch, and written back (its states, with one put each, and a remove
 * for each state it no longer has) when it is evicted, least recently used first, past {@code
 * capacity} sessions, and for every session touched since, by {@link #flush} before a snapshot, so
 * checkpoints and savepoints hold exactly what the operator has.
 *
 * <p>Per event, a cached session costs no backend access at all; on RocksDB a plain state access is
 * a JNI call with a seek or a get, and the detector made several dozens per event (profile in
 * {@code docs/performance.md}). Semantics are the heap backend's: a state returns the object it
 * holds, so what a caller changes in place is kept; a session read is therefore written back whole.
 *
 * <p>Names the operator no longer registers (a pattern whose state version was bumped, or one
 * removed) are dropped when the session is loaded, so a breaking edit of one pattern loses only its
 * partial matches; the others load as they were.
 */
final class SessionStateCache extends ValueAndMapStateStore {
  /** Name of the one backend state: state name to serialized value, per session. */
  static final String STATE = "detect/state";

  /** The operator's current key, and how to switch it for a write-back. */
  interface Keys {
    Object current();

    void set(Object key);
  }

  /**
   * How one named state's value is kept on the heap and written to the backend; {@code plain} is
   * its descriptor as a state of the backend, for {@link #adoptPlain}.
   */
  private record Codec<T>(TypeSerializer<T> serializer, StateDescriptor<?, ?> plain) {}

  /** One session's states on the heap. */
  private static final class Session {
    final Map<String, Object> values = new HashMap<>(8);

    /** Names with an entry in the backend, as of the last load or write-back. */
    final Set<String> stored = new HashSet<>(8);

    /** Touched since the last load or write-back. */
    boolean dirty;

    /** Drops the state {@code name}; dirty when it was on the heap or in the backend. */
    void clear(String name) {
      if (values.remove(name) != null || stored.contains(name)) {
        dirty = true;
      }
    }
  }

  private final KeyedStateStore delegate;
  private final MapState<String, byte[]> backend;
  private final Keys keys;
  private final int capacity;
  private final ExecutionConfig config;
  private final Map<String, Codec<?>> codecs = new HashMap<>();
  private final LinkedHashMap<Object, Session> sessions = new LinkedHashMap<>(1024, 0.75f, true);
  private final DataOutputSerializer out = new DataOutputSerializer(512);
  private final DataInputDeserializer in = new DataInputDeserializer();
  private Object lastKey;
  private Session last;
  private long loads;
  private long writes;

  /**
   * @param delegate the operator's keyed state store, where {@value #STATE} lives
   * @param capacity the most sessions kept on the heap (at least 1)
   */
  SessionStateCache(KeyedStateStore delegate, ExecutionConfig config, Keys keys, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be at least 1, not " + capacity);
    }
    this.delegate = delegate;
    this.backend = delegate.getMapState(descriptor());
    this.keys = keys;
    this.capacity = capacity;
    this.config = config;
  }

  /** The descriptor of {@value #STATE}. */
  static MapStateDescriptor<String, byte[]> descriptor() {
    return new MapStateDescriptor<>(
        STATE, StringSerializer.INSTANCE, BytePrimitiveArraySerializer.INSTANCE);
  }

  /**
   * Moves the state kept without the cache (each name a state of the backend: written by a run on
   * the heap backend or with the cache off) into the cache, and so into {@value #STATE} at the next
   * flush: a restore across the two layouts keeps every partial match and leaves nothing behind.
   * Call it once, after every state is registered.
   *
   * @param keysOf the keys with a value in the backend state of that name (none when the backend
   *     has no such state)
   * @return the (state, session) pairs moved
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  long adoptPlain(Function<String, List<Object>> keysOf) throws Exception {
    long moved = 0;
    Object current = keys.current();
    try {
      for (Map.Entry<String, Codec<?>> c : codecs.entrySet()) {
        String name = c.getKey();
        List<Object> with = keysOf.apply(name);
        if (with.isEmpty()) {
          continue;
        }
        StateDescriptor<?, ?> d = c.getValue().plain();
        if (d instanceof ValueStateDescriptor v) {
          ValueState<Object> plain = delegate.getState((ValueStateDescriptor<Object>) v);
          for (Object key : with) {
            keys.set(key);
            Object value = plain.value();
            if (value != null) {
              Session s = session();
              s.values.put(name, value);
              s.dirty = true;
              plain.clear();
              moved++;
            }
          }
        } else {
          MapState<Object, Object> plain =
              delegate.getMapState((MapStateDescriptor<Object, Object>) d);
          for (Object key : with) {
            keys.set(key);
            Map<Object, Object> m = new HashMap<>();
            for (Map.Entry<Object, Object> e : plain.entries()) {
              m.put(e.getKey(), e.getValue());
            }
            if (!m.isEmpty()) {
              Session s = session();
              s.values.put(name, m);
              s.dirty = true;
              plain.clear();
              moved++;
            }
          }
        }
      }
    } finally {
      if (current != null) {
        keys.set(current);
      }
    }
    flush();
    return moved;
  }

  /**
   * The other way: a view of the backend's keyed state that records the states handed out, so that
   * what a run with the cache wrote to {@value #STATE} can be moved into them ({@link #adopt}) when
   * the detector runs without the cache (heap backend, or the cache off).
   */
  static final class Plain extends ValueAndMapStateStore {
    private final KeyedStateStore delegate;
    private final Map<String, Codec<?>> codecs = new HashMap<>();
    private final Map<String, Object> states = new HashMap<>();

    Plain(KeyedStateStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
      ValueState<T> st = delegate.getState(d); // initializes the serializer
      codecs.put(d.getName(), new Codec<>(d.getSerializer(), d));
      states.put(d.getName(), st);
      return st;
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> d) {
      MapState<K, V> st = delegate.getMapState(d);
      codecs.put(
          d.getName(),
          new Codec<>(new MapSerializer<>(d.getKeySerializer(), d.getValueSerializer()), d));
      states.put(d.getName(), st);
      return st;
    }

    /**
     * Moves each session's entries of {@value #STATE} into the states handed out (a name none was
     * handed out for, a pattern no longer hosted, is dropped), and clears {@value #STATE}.
     *
     * @param packed the keys with entries in {@value #STATE}
     * @return the sessions moved
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    long adopt(List<Object> packed, Keys keys) throws Exception {
      if (packed.isEmpty()) {
        return 0;
      }
      MapState<String, byte[]> cached = delegate.getMapState(descriptor());
      DataInputDeserializer in = new DataInputDeserializer();
      Object current = keys.current();
      try {
        for (Object key : packed) {
          keys.set(key);
          for (Map.Entry<String, byte[]> e : cached.entries()) {
            Codec<?> c = codecs.get(e.getKey());
            if (c == null) {
              continue;
            }
            in.setBuffer(e.getValue());
            Object value = c.serializer().deserialize(in);
            Object st = states.get(e.getKey());
            if (st instanceof MapState m) {
              m.putAll((Map) value);
            } else {
              ((ValueState) st).update(value);
            }
          }
          cached.clear();
        }
      } finally {
        if (current != null) {
          keys.set(current);
        }
      }
      return packed.size();
    }

    @Override
    public String getBackendTypeIdentifier() {
      return delegate.getBackendTypeIdentifier();
    }

    @Override
    protected String refusal() {
      return "the detector holds only value and map state";
    }
  }

  /** Sessions loaded from the backend so far (misses). */
  long loads() {
    return loads;
  }

  /** Sessions written back so far. */
  long writes() {
    return writes;
  }

  /** Sessions on the heap now. */
  int size() {
    return sessions.size();
  }

  private void register(String name, TypeSerializer<?> serializer, StateDescriptor<?, ?> plain) {
    if (codecs.putIfAbsent(name, new Codec<>(serializer, plain)) != null) {
      throw new IllegalArgumentException("state " + name + " registered twice");
    }
  }

  /** The current session's states, loaded on a miss (evicting the least recently used). */
  private Session session() {
    Object key = keys.current();
    if (key == lastKey && last != null) {
      return last;
    }
    Session s = sessions.get(key);
    if (s == null) {
      s = load();
      sessions.put(key, s);
      if (sessions.size() > capacity) {
        evictEldest(key);
      }
    }
    lastKey = key;
    last = s;
    return s;
  }

  private Session load() {
    loads++;
    Session s = new Session();
    try {
      for (Map.Entry<String, byte[]> e : backend.entries()) {
        String name = e.getKey();
        s.stored.add(name);
        Codec<?> c = codecs.get(name);
        if (c == null) {
          // Not hosted any more (state version bumped, pattern removed): dropped at write-back.
          s.dirty = true;
          continue;
        }
        in.setBuffer(e.getValue());
        s.values.put(name, c.serializer().deserialize(in));
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the detector state of " + keys.current(), e);
    }
    return s;
  }

  private void evictEldest(Object current) {
    Iterator<Map.Entry<Object, Session>> it = sessions.entrySet().iterator();
    Map.Entry<Object, Session> eldest = it.next();
    it.remove();
    if (eldest.getValue().dirty) {
      keys.set(eldest.getKey());
      try {
        writeBack(eldest.getValue());
      } finally {
        keys.set(current);
      }
    }
  }

  /** Writes {@code s} to the backend under the current key. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void writeBack(Session s) {
    writes++;
    try {
      boolean any = false;
      for (Map.Entry<String, Object> e : s.values.entrySet()) {
        if (!isEmpty(e.getValue())) {
          any = true;
          break;
        }
      }
      if (!any) {
        if (!s.stored.isEmpty()) {
          backend.clear();
          s.stored.clear();
        }
        s.dirty = false;
        return;
      }
      for (Iterator<String> it = s.stored.iterator(); it.hasNext(); ) {
        String name = it.next();
        if (isEmpty(s.values.get(name))) {
          backend.remove(name);
          it.remove();
        }
      }
      for (Map.Entry<String, Object> e : s.values.entrySet()) {
        if (isEmpty(e.getValue())) {
          continue;
        }
        TypeSerializer ser = codecs.get(e.getKey()).serializer();
        out.clear();
        ser.serialize(e.getValue(), out);
        backend.put(e.getKey(), out.getCopyOfBuffer());
        s.stored.add(e.getKey());
      }
      s.dirty = false;
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the detector state of " + keys.current(), e);
    }
  }

  private static boolean isEmpty(Object v) {
    return v == null || (v instanceof Map<?, ?> m && m.isEmpty());
  }

  /**
   * Writes every session touched since the last flush to the backend (before a snapshot), and
   * forgets those left without state. Restores the current key.
   */
  void flush() {
    Object current = keys.current();
    try {
      for (Iterator<Map.Entry<Object, Session>> it = sessions.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Object, Session> e = it.next();
        Session s = e.getValue();
        if (s.dirty) {
          keys.set(e.getKey());
          writeBack(s);
        }
        if (s.stored.isEmpty()) {
          it.remove();
        }
      }
    } finally {
      lastKey = null;
      last = null;
      if (current != null) {
        keys.set(current);
      }
    }
  }

  /** The current session ended: all of its state goes, from the heap and from the backend. */
  void endSession() {
    Object key = keys.current();
    Session s = sessions.remove(key);
    if (s == null || !s.stored.isEmpty()) {
      // Not cached: it may still have entries in the backend (one clear, a range delete).
      backend.clear();
    }
    lastKey = null;
    last = null;
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
    String name = d.getName();
    d.initializeSerializerUnlessSet(config);
    register(name, d.getSerializer(), d);
    return new ValueState<>() {
      @Override
      @SuppressWarnings("unchecked")
      public T value() {
        Session s = session();
        Object v = s.values.get(name);
        if (v != null) {
          s.dirty = true; // the caller may change it in place
        }
        return (T) v;
      }

      @Override
      public void update(T value) {
        Session s = session();
        if (value == null) {
          s.values.remove(name);
        } else {
          s.values.put(name, value);
        }
        s.dirty = true;
      }

      @Override
      public void clear() {
        session().clear(name);
      }
    };
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> d) {
    String name = d.getName();
    d.initializeSerializerUnlessSet(config);
    TypeSerializer<K> ks = d.getKeySerializer();
    TypeSerializer<V> vs = d.getValueSerializer();
    register(name, new MapSerializer<>(ks, vs), d);
    return new CachedMap<>(name);
  }

  /** A map state of the current session, on the heap. */
  private final class CachedMap<K, V> implements MapState<K, V> {
    private final String name;

    CachedMap(String name) {
      this.name = name;
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> map(boolean create) {
      Session s = session();
      Map<K, V> m = (Map<K, V>) s.values.get(name);
      if (m == null && create) {
        m = new HashMap<>(4);
        s.values.put(name, m);
      }
      if (m != null) {
        s.dirty = true;
      }
      return m;
    }

    @Override
    public V get(K key) {
      Map<K, V> m = map(false);
      return m == null ? null : m.get(key);
    }

    @Override
    public void put(K key, V value) {
      map(true).put(key, value);
    }

    @Override
    public void putAll(Map<K, V> map) {
      if (!map.isEmpty()) {
        map(true).putAll(map);
      }
    }

    @Override
    public void remove(K key) {
      Map<K, V> m = map(false);
      if (m != null) {
        m.remove(key);
      }
    }

    @Override
    public boolean contains(K key) {
      Map<K, V> m = map(false);
      return m != null && m.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
      Map<K, V> m = map(false);
      return m == null ? List.of() : m.entrySet();
    }

    @Override
    public Iterable<K> keys() {
      Map<K, V> m = map(false);
      return m == null ? List.of() : m.keySet();
    }

    @Override
    public Iterable<V> values() {
      Map<K, V> m = map(false);
      return m == null ? List.of() : m.values();
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      Map<K, V> m = map(false);
      return m == null ? Collections.emptyIterator() : m.entrySet().iterator();
    }

    @Override
    public boolean isEmpty() {
      Map<K, V> m = map(false);
      return m == null || m.isEmpty();
    }

    @Override
    public void clear() {
      session().clear(name);
    }
  }

  @Override
  public String getBackendTypeIdentifier() {
    return "frictionflow-session-cache";
  }

  @Override
  protected String refusal() {
    return "the session cache holds only value and map state";
  }
}
