package io.frictionflow.detect;

import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;

/**
 * A keyed state store with value and map state only (all a FlinkCEP {@code SharedBuffer} and an NFA
 * state need): every other kind of state, and the v2 (asynchronous) API, is refused.
 */
public abstract class ValueAndMapStateStore implements KeyedStateStore {
  /** What the refusal says. */
  protected abstract String refusal();

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

  private UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException(refusal());
  }
}
