package org.channelwatch.detection;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.channelwatch.domain.Incident;
import org.channelwatch.state.HoldsElements;
import org.channelwatch.state.WriteBackKeyedProcessOperator;
import org.channelwatch.state.WritesBack;

/** Opens a keyed test harness around one detection function. */
final class DetectionHarness {
  private DetectionHarness() {}

  /** In the operator the job runs it in: one that checkpoints heap state, for functions that keep some. */
  static <IN> KeyedOneInputStreamOperatorTestHarness<String, IN, Incident> open(
      KeyedProcessFunction<String, IN, Incident> function, KeySelector<IN, String> key) throws Exception {
    return restore(function, key, null);
  }

  /** As {@link #open}, from a snapshot another harness took; null for none. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <IN> KeyedOneInputStreamOperatorTestHarness<String, IN, Incident> restore(
      KeyedProcessFunction<String, IN, Incident> function, KeySelector<IN, String> key, OperatorSubtaskState snapshot)
      throws Exception {
    KeyedProcessOperator<String, IN, Incident> operator =
        function instanceof WritesBack || function instanceof HoldsElements
            ? new WriteBackKeyedProcessOperator(function)
            : new KeyedProcessOperator<>(function);
    KeyedOneInputStreamOperatorTestHarness<String, IN, Incident> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(operator, key, Types.STRING);
    if (snapshot != null) {
      harness.initializeState(snapshot);
    }
    harness.open();
    return harness;
  }

  /** The incident changes emitted so far, as {@code id status}, and forgets them. */
  static List<String> takeChanges(KeyedOneInputStreamOperatorTestHarness<String, ?, Incident> harness) {
    List<String> changes = harness.extractOutputValues().stream().map(Incident::toString).toList();
    harness.getOutput().clear();
    return changes;
  }
}
