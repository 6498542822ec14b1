package org.channelwatch.state;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;

/**
 * What the write-back operators do around a function's heap state: restore its held elements, and
 * before each snapshot write back its cache and write out its held elements.
 */
final class HeapStateCheckpoints<K> implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  // The operator's own function, serialised with it.
  private final Object function;
  private transient HeldElements<K, Object> held;
  private transient TypeSerializer<Object> heldSerializer;

  HeapStateCheckpoints(Object function) {
    if (!(function instanceof WritesBack) && !(function instanceof HoldsElements)) {
      throw new IllegalArgumentException(
          function.getClass().getName() + " keeps no heap state: run it in Flink's own keyed process operator");
    }
    this.function = function;
  }

  /** Whether the function holds elements, which the operator then writes as raw keyed state. */
  boolean holdsElements() {
    return function instanceof HoldsElements;
  }

  @SuppressWarnings("unchecked")
  void initialize(
      StateInitializationContext context, KeyedStateBackend<K> keyedState, ExecutionConfig config, ClassLoader classLoader)
      throws Exception {
    if (!(function instanceof HoldsElements<?, ?> holds)) {
      return;
    }
    held = new HeldElements<>();
    ((HoldsElements<K, Object>) holds).holdIn(held);
    heldSerializer = (TypeSerializer<Object>) holds.heldType().createSerializer(config.getSerializerConfig());
    for (KeyGroupStatePartitionStreamProvider keyGroup : context.getRawKeyedStateInputs()) {
      held.restore(keyGroup, keyedState.getKeySerializer(), classLoader);
    }
  }

  /** Call first in the operator's {@code snapshotState}: keyed state is snapshotted after it. */
  @SuppressWarnings("unchecked")
  void snapshot(
      StateSnapshotContext context, KeyedStateBackend<K> keyedState, int maxParallelism, WritesBack.KeySwitch<K> keys)
      throws Exception {
    if (function instanceof WritesBack<?> writesBack) {
      ((WritesBack<K>) writesBack).writeBack(keys);
    }
    if (held != null) {
      held.snapshot(
          context.getRawKeyedOperatorStateOutput(), keyedState.getKeySerializer(), heldSerializer,
          maxParallelism);
    }
  }
}
