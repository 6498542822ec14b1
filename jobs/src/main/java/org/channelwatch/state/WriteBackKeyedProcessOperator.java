package org.channelwatch.state;

import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Flink's keyed process operator for functions that keep state on the heap: before each snapshot
 * (checkpoint or savepoint) the function writes back what it cached ({@link WritesBack}) and the
 * elements it holds ({@link HoldsElements}) are written out, and a restore gives them back.
 */
public final class WriteBackKeyedProcessOperator<K, IN, OUT> extends KeyedProcessOperator<K, IN, OUT> {
  private static final long serialVersionUID = 2L;

  private final HeapStateCheckpoints<K> heapState;

  /** @param function a function that {@link WritesBack} or {@link HoldsElements}, or both */
  public WriteBackKeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function) {
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
