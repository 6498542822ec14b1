package org.channelwatch.state;

import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;

/**
 * Flink's keyed two-input process operator, plus: before each snapshot (checkpoint or savepoint) of
 * keyed state, its function writes back what it cached.
 */
public final class WriteBackKeyedCoProcessOperator<K, IN1, IN2, OUT> extends KeyedCoProcessOperator<K, IN1, IN2, OUT> {
  private static final long serialVersionUID = 1L;

  public <F extends KeyedCoProcessFunction<K, IN1, IN2, OUT> & WritesBack<K>> WriteBackKeyedCoProcessOperator(F function) {
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
