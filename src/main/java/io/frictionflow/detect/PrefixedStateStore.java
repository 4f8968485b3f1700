package io.frictionflow.detect;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * A view of the operator's keyed state in which every name gets a prefix ({@code <prefix>/<name>}),
 * so that several FlinkCEP {@code SharedBuffer}s, whose state names are fixed, live side by side in
 * one operator. Remembers what it handed out, so that one pattern's state for the current key can
 * be cleared at once. Only value and map state (all a {@code SharedBuffer} and an NFA state need).
 */
final class PrefixedStateStore implements KeyedStateStore {
  private final KeyedStateStore delegate;
  private final String prefix;
  private final List<State> created = new ArrayList<>();

  PrefixedStateStore(KeyedStateStore delegate, String prefix) {
    this.delegate = delegate;
    this.prefix = prefix;
  }

  private String name(String n) {
    return prefix + "/" + n;
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
    ValueState<T> s =
        delegate.getState(new ValueStateDescriptor<>(name(d.getName()), d.getSerializer()));
    created.add(s);
    return s;
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> d) {
    MapState<K, V> s =
        delegate.getMapState(
            new MapStateDescriptor<>(
                name(d.getName()), d.getKeySerializer(), d.getValueSerializer()));
    created.add(s);
    return s;
  }

  /** Clears every state handed out, for the current key. */
  void clearAll() {
    for (State s : created) {
      s.clear();
    }
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> d) {
    throw unsupported();
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> d) {
    throw unsupported();
  }

  @Override
  public <I, A, O> AggregatingState<I, O> getAggregatingState(
      AggregatingStateDescriptor<I, A, O> d) {
    throw unsupported();
  }

  @Override
  public <T> org.apache.flink.api.common.state.v2.ValueState<T> getValueState(
      org.apache.flink.api.common.state.v2.ValueStateDescriptor<T> d) {
    throw unsupported();
  }

  @Override
  public <T> org.apache.flink.api.common.state.v2.ListState<T> getListState(
      org.apache.flink.api.common.state.v2.ListStateDescriptor<T> d) {
    throw unsupported();
  }

  @Override
  public <K, V> org.apache.flink.api.common.state.v2.MapState<K, V> getMapState(
      org.apache.flink.api.common.state.v2.MapStateDescriptor<K, V> d) {
    throw unsupported();
  }

  @Override
  public <T> org.apache.flink.api.common.state.v2.ReducingState<T> getReducingState(
      org.apache.flink.api.common.state.v2.ReducingStateDescriptor<T> d) {
    throw unsupported();
  }

  @Override
  public <I, A, O> org.apache.flink.api.common.state.v2.AggregatingState<I, O> getAggregatingState(
      org.apache.flink.api.common.state.v2.AggregatingStateDescriptor<I, A, O> d) {
    throw unsupported();
  }

  @Override
  public String getBackendTypeIdentifier() {
    return delegate.getBackendTypeIdentifier();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("only value and map state are prefixed");
  }
}
