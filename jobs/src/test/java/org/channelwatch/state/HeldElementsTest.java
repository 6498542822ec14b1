package org.channelwatch.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** Held elements on their own, and checkpointed by the operator as raw keyed state. */
class HeldElementsTest {
  private static final int MAX_PARALLELISM = 128;

  @Test
  void releasesAtExactlyTheirTimeOrUpToATimeInTimeThenArrivalOrder() {
    HeldElements<String, String> held = new HeldElements<>();
    held.add("k", 20, "b");
    held.add("k", 10, "a");
    held.add("k", 20, "c");
    held.add("other", 10, "x");

    assertThat(held.size()).isEqualTo(4);
    assertThat(held.holdsAt("k", 20)).isTrue();
    assertThat(held.take("k", 15)).isEmpty();
    assertThat(held.takeUpTo("k", 20)).containsExactly("a", "b", "c");
    assertThat(held.holdsAny("k")).isFalse();
    assertThat(held.take("other", 10)).containsExactly("x");
    assertThat(held.size()).isZero();
  }

  /** Holds each string until the time it carries after a colon, and emits it then. */
  static final class Echo extends KeyedProcessFunction<String, String, String> implements HoldsElements<String, String> {
    private transient HeldElements<String, String> held;

    @Override
    public TypeInformation<String> heldType() {
      return Types.STRING;
    }

    @Override
    public void holdIn(HeldElements<String, String> held) {
      this.held = held;
    }

    @Override
    public void processElement(String value, Context ctx, Collector<String> out) {
      long time = Long.parseLong(value.substring(value.indexOf(':') + 1));
      held.add(ctx.getCurrentKey(), time, value);
      ctx.timerService().registerEventTimeTimer(time);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      held.take(ctx.getCurrentKey(), timestamp).forEach(out::collect);
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(int parallelism, int subtask)
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new WriteBackKeyedProcessOperator<>(new Echo()), value -> value.substring(0, value.indexOf(':')), Types.STRING,
        MAX_PARALLELISM, parallelism, subtask);
  }

  @Test
  void heldElementsSurviveARestoreAtAnotherParallelismEachWithTheSubtaskOfItsKey() throws Exception {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      values.add("key-" + i + ":" + (1_000 + i));
    }
    OperatorSubtaskState snapshot;
    try (var one = harness(1, 0)) {
      one.open();
      for (String value : values) {
        one.processElement(new StreamRecord<>(value));
      }
      snapshot = one.snapshot(1, 1);
    }

    List<String> released = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      try (var half = harness(2, subtask)) {
        half.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, MAX_PARALLELISM, 1, 2, subtask));
        half.open();
        half.processWatermark(new Watermark(2_000));
        for (String value : half.extractOutputValues()) {
          String key = value.substring(0, value.indexOf(':'));
          assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, 2)).isEqualTo(subtask);
          released.add(value);
        }
      }
    }
    assertThat(released).containsExactlyInAnyOrderElementsOf(values);
  }
}
