package org.channelwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateEventsTest {

  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final int MAX_PARALLELISM = 128;
  private DeduplicateEvents operator;
  private KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelEvent> harness;

  @BeforeEach
  void open() throws Exception {
    operator = new DeduplicateEvents(Duration.ofHours(1));
    harness = harness(operator, 1, 0);
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelEvent> harness(
      DeduplicateEvents operator, int parallelism, int subtask) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        operator, ChannelEvent::dedupKey, Types.STRING, MAX_PARALLELISM, parallelism, subtask);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static ChannelEvent event(String source, String id, long time) {
    ChannelEvent event = new ChannelEvent();
    event.source = source;
    event.id = id;
    event.time = time;
    event.type = EventType.SERVICE_ACCESS;
    event.channel = Channel.WEB;
    event.region = "330000";
    return event;
  }

  private void send(ChannelEvent event) throws Exception {
    harness.processElement(new StreamRecord<>(event, event.time));
  }

  @Test
  void passesTheFirstDeliveryAndDropsRepeats() throws Exception {
    send(event("/a", "1", 1_000));
    send(event("/a", "1", 1_000));
    send(event("/a", "1", 5_000));
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void theSameIdFromAnotherSourceIsAnotherEvent() throws Exception {
    send(event("/a", "1", 1_000));
    send(event("/b", "1", 1_000));
    assertThat(harness.extractOutputValues()).hasSize(2);
  }

  @Test
  void remembersAnIdForTheSpanOfEventTimeThenForgetsIt() throws Exception {
    send(event("/a", "1", 1_000));
    harness.processWatermark(1_000 + HOUR - 1);
    send(event("/a", "1", 1_000));
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(operator.remembered()).isEqualTo(1);

    harness.processWatermark(1_000 + HOUR);
    assertThat(operator.remembered()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    send(event("/a", "1", 1_000));
    assertThat(harness.extractOutputValues()).hasSize(2);
  }

  @Test
  void forgetsEachIdAtItsOwnTimeWithinASecond() throws Exception {
    send(event("/a", "early", 1_000));
    send(event("/a", "late", 1_900));
    harness.processWatermark(1_000 + HOUR);
    assertThat(operator.remembered()).isEqualTo(1);
    send(event("/a", "late", 1_900));
    assertThat(harness.extractOutputValues()).hasSize(2);
    harness.processWatermark(1_900 + HOUR);
    assertThat(operator.remembered()).isZero();
  }

  @Test
  void aSourceAndIdSplitElsewhereAreAnotherEvent() throws Exception {
    send(event("/a", "bc", 1_000));
    send(event("/ab", "c", 1_000));
    assertThat(harness.extractOutputValues()).hasSize(2);
  }

  @Test
  void remembersIdsAcrossARestoreAtAnotherParallelism() throws Exception {
    List<ChannelEvent> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(event("/a", "id-" + i, 1_000 + i));
    }
    for (ChannelEvent event : events) {
      send(event);
    }
    OperatorSubtaskState snapshot = harness.snapshot(1, 2_000);

    int passed = 0;
    int rememberedAfterRestore = 0;
    for (int subtask = 0; subtask < 2; subtask++) {
      DeduplicateEvents restored = new DeduplicateEvents(Duration.ofHours(1));
      try (KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelEvent> half = harness(restored, 2, subtask)) {
        half.initializeState(
            AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, MAX_PARALLELISM, 1, 2, subtask));
        half.open();
        rememberedAfterRestore += restored.remembered();
        for (ChannelEvent event : events) {
          if (KeyGroupRangeAssignment.assignKeyToParallelOperator(event.dedupKey(), MAX_PARALLELISM, 2) == subtask) {
            half.processElement(new StreamRecord<>(event, event.time));
          }
        }
        passed += half.extractOutputValues().size();
      }
    }
    assertThat(rememberedAfterRestore).isEqualTo(200);
    assertThat(passed).as("repeats let through after the restore").isZero();
  }

  @Test
  void countsTheSpanFromTheWatermarkForEventsBehindIt() throws Exception {
    harness.processWatermark(10 * HOUR);
    send(event("/catalog", "p1", 0));
    harness.processWatermark(11 * HOUR - 1);
    send(event("/catalog", "p1", 0));
    assertThat(harness.extractOutputValues()).hasSize(1);
  }
}
