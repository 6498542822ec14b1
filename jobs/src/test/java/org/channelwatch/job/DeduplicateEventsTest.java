package org.channelwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateEventsTest {

  private static final long HOUR = Duration.ofHours(1).toMillis();
  private KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateEvents(Duration.ofHours(1))), ChannelEvent::dedupKey, Types.STRING);
    harness.open();
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
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.processWatermark(1_000 + HOUR);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
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
