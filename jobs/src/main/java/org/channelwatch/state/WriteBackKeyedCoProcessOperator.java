package org.channelwatch.state;

import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;

/**
 * Flink's keyed two-input process operator for functions that keep state on the heap, as {@link
 * WriteBackKeyedProcessOperator} is for one input.
 */
public final class WriteBackKeyedCoProcessOperator<K, IN1, IN2, OUT> extends KeyedCoProcessOperator<K, IN1, IN2, OUT> {
  private static final long serialVersionUID = 2L;

  private final HeapStateCheckpoints<K> heapState;

  /** @param function a function that {@link WritesBack} or {@link HoldsElements}, or both */
  public WriteBackKeyedCoProcessOperator(KeyedCoProcessFunction<K, IN1, IN2, OUT> function) {
    super(function);
    this.heapState = new HeapStateCheckpoints<>(function);
  }

  @Override
  protected boolean isUsingCustomRawKeyedState() {
    return heapState.holdsElements();
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    heapState.initialize(context, getKeyedStateBackend(), getExecutionConfig(), getUserCodeClassloader());
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    // Keyed state is snapshotted after this method, so what is written here is in the snapshot.
    heapState.snapshot(
        context, getKeyedStateBackend(), getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks(),
        key -> setCurrentKey(key));
    super.snapshotState(context);
  }
}
