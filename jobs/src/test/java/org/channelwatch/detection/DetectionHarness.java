package org.channelwatch.detection;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.channelwatch.domain.Incident;

/** Opens a keyed test harness around one detection function. */
final class DetectionHarness {
  private DetectionHarness() {}

  static <IN> KeyedOneInputStreamOperatorTestHarness<String, IN, Incident> open(
      KeyedProcessFunction<String, IN, Incident> function, KeySelector<IN, String> key) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, IN, Incident> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), key, Types.STRING);
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
