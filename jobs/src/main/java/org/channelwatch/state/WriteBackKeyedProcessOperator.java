package org.channelwatch.state;

import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Flink's keyed process operator, plus: before each snapshot (checkpoint or savepoint) of keyed
 * state, its function writes back what it cached.
 */
public final class WriteBackKeyedProcessOperator<K, IN, OUT> extends KeyedProcessOperator<K, IN, OUT> {
  private static final long serialVersionUID = 1L;

  public <F extends KeyedProcessFunction<K, IN, OUT> & WritesBack<K>> WriteBackKeyedProcessOperator(F function) {
    super(function);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void snapshotState(StateSnapshotContext context) throws Exception {
    // Keyed state is snapshotted after this method, so what is written here is in the snapshot.
    ((WritesBack<K>) userFunction).writeBack(key -> setCurrentKey(key));
    super.snapshotState(context);
  }
}
