package org.channelwatch.minutes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.junit.jupiter.api.Test;

/** The summarising operator under Flink's test harness: when summaries leave, and what survives a restore. */
class ChannelMinutesTest {
  private static final long T0 = Instant.parse("2026-11-25T08:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  private static OneInputStreamOperatorTestHarness<ChannelEvent, ChannelMinute> open(OperatorSubtaskState restoreFrom)
      throws Exception {
    var harness = new OneInputStreamOperatorTestHarness<>(new ChannelMinutes());
    if (restoreFrom != null) {
      harness.initializeState(restoreFrom);
    }
    harness.open();
    return harness;
  }

  private static ChannelEvent event(EventType type, String region, Channel channel, long time) {
    ChannelEvent event = new ChannelEvent();
    event.type = type;
    event.region = region;
    event.channel = channel;
    event.time = time;
    if (type == EventType.SERVICE_ACCESS) {
      event.outcome = AccessOutcome.OK;
      event.latencyMs = 100L;
    } else if (type == EventType.SERVICE_RATING) {
      event.score = 4;
    }
    return event;
  }

  private static void send(OneInputStreamOperatorTestHarness<ChannelEvent, ChannelMinute> harness, ChannelEvent... events)
      throws Exception {
    for (ChannelEvent event : events) {
      harness.processElement(event, event.time);
    }
  }

  @Test
  void sendsEachChannelsMinuteOnceTheWatermarkPassesItsEndAndBeforeThatWatermark() throws Exception {
    try (var harness = open(null)) {
      send(harness,
          event(EventType.SERVICE_ACCESS, "330000", Channel.WEB, T0 + 1_000),
          event(EventType.SERVICE_ACCESS, "330000", Channel.WEB, T0 + 2_000),
          event(EventType.SERVICE_RATING, "330000", Channel.APP, T0 + 3_000),
          event(EventType.SERVICE_ACCESS, "110000", Channel.WEB, T0 + 4_000),
          event(EventType.SERVICE_ACCESS, "330000", Channel.WEB, T0 + MINUTE + 1_000),
          event(EventType.CATALOG_ITEM_PUBLISHED, "330000", Channel.WEB, T0 + 5_000));
      harness.processWatermark(new Watermark(T0 + MINUTE - 2));
      assertThat(harness.extractOutputValues()).isEmpty();

      harness.getOutput().clear();
      harness.processWatermark(new Watermark(T0 + MINUTE - 1));
      List<Object> output = List.copyOf(harness.getOutput());
      assertThat(output).hasSize(4);
      assertThat(output.get(3)).isEqualTo(new Watermark(T0 + MINUTE - 1));
      List<ChannelMinute> minutes = harness.extractOutputValues();
      assertThat(minutes).extracting(m -> m.region + "/" + m.channel + " " + m.activityEvents + " " + m.accessSamples)
          .containsExactlyInAnyOrder("330000/web 2 2", "330000/app 1 0", "110000/web 1 1");
      assertThat(harness.extractOutputStreamRecords()).allSatisfy(record -> assertThat(record.getTimestamp()).isEqualTo(T0 + MINUTE - 1));
      assertThat(harness.getOperator()).extracting(op -> ((ChannelMinutes) op).openSummaries()).isEqualTo(1);

      harness.getOutput().clear();
      harness.processWatermark(new Watermark(Long.MAX_VALUE));
      assertThat(harness.extractOutputValues()).extracting(m -> m.windowStart).containsExactly(T0 + MINUTE);
      assertThat(((ChannelMinutes) harness.getOperator()).openSummaries()).isZero();
    }
  }

  @Test
  void anEventOfAMinuteAlreadySentLeavesAtOnceInASummaryOfItsOwn() throws Exception {
    try (var harness = open(null)) {
      harness.processWatermark(new Watermark(T0 + MINUTE - 1));
      harness.getOutput().clear();
      send(harness, event(EventType.SERVICE_ACCESS, "330000", Channel.WEB, T0 + 30_000));
      assertThat(harness.extractOutputValues()).extracting(m -> m.windowStart + " " + m.accessSamples).containsExactly(T0 + " 1");
    }
  }

  @Test
  void openSummariesSurviveACheckpointAndAddUpWithLaterEvents() throws Exception {
    OperatorSubtaskState checkpoint;
    try (var harness = open(null)) {
      send(harness,
          event(EventType.SERVICE_ACCESS, "330000", Channel.WEB, T0 + 1_000),
          event(EventType.SERVICE_ACCESS, "330000", Channel.WEB, T0 + 2_000));
      checkpoint = harness.snapshot(1, 1);
    }
    try (var harness = open(checkpoint)) {
      send(harness, event(EventType.SERVICE_ACCESS, "330000", Channel.WEB, T0 + 3_000));
      harness.processWatermark(new Watermark(T0 + MINUTE - 1));
      assertThat(harness.extractOutputValues())
          .extracting(m -> m.accessSamples + " " + m.latencyCount + " " + m.firstEventAt + ".." + m.lastEventAt)
          .containsExactly("3 3 " + (T0 + 1_000) + ".." + (T0 + 3_000));
    }
  }

  @Test
  void summariesCarryTheirMinutesLastMillisecondAsTimestamp() throws Exception {
    try (var harness = open(null)) {
      send(harness, event(EventType.HALL_VISIT, "330000", Channel.HALL, T0 + 59_999));
      harness.processWatermark(new Watermark(T0 + MINUTE));
      StreamRecord<? extends ChannelMinute> record = harness.extractOutputStreamRecords().get(0);
      assertThat(record.getTimestamp()).isEqualTo(T0 + MINUTE - 1);
      assertThat(record.getValue().accessSamples).isZero();
      assertThat(record.getValue().activityEvents).isEqualTo(1);
    }
  }
}
