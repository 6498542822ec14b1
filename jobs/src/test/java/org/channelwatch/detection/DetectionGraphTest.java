package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.detection.TestEvents.access;
import static org.channelwatch.detection.TestEvents.at;
import static org.channelwatch.detection.TestEvents.guide;
import static org.channelwatch.detection.TestEvents.minute;
import static org.channelwatch.detection.TestEvents.published;
import static org.channelwatch.detection.TestEvents.status;
import static org.channelwatch.detection.TestEvents.submitted;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the real detection graph on a MiniCluster, with Kryo switched off. */
class DetectionGraphTest {

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final List<ChannelEvent> EVENTS = scenario();

  /** One incident of every kind, each opened and resolved, among ordinary traffic. */
  private static List<ChannelEvent> scenario() {
    List<ChannelEvent> events = new ArrayList<>();
    // Every channel shows some life each minute, except wechat, silent from 0:10 to 20:00.
    for (int m = 0; m <= 100; m++) {
      for (Channel channel : List.of(Channel.HALL, Channel.WEB, Channel.APP)) {
        events.add(TestEvents.rating(channel, at(m, 1)));
      }
      if (m == 0 || m >= 20) {
        events.add(TestEvents.rating(Channel.WECHAT, at(m, 10)));
      }
    }
    // service_unavailable on web: a bad minute 2, a good minute 3.
    for (int i = 0; i < 6; i++) {
      events.add(access(Channel.WEB, at(2, 10 + i), false));
    }
    for (int i = 0; i < 10; i++) {
      events.add(access(Channel.WEB, at(3, 10 + i), true));
    }
    // item_unavailable on app: the channel is fine in minute 5, ITEM-A is not; ITEM-A is back in minute 6.
    for (int i = 0; i < 20; i++) {
      events.add(access(Channel.APP, at(5, 20 + i), true));
    }
    for (int i = 0; i < 3; i++) {
      events.add(access(Channel.APP, at(5, 5 + i), false, "ITEM-A"));
      events.add(access(Channel.APP, at(6, 5 + i), true, "ITEM-A"));
    }
    // guide_inconsistent: the fee differs from minute 2 to minute 30; ITEM-H agrees throughout.
    events.add(published(Channel.HALL, "ITEM-G", at(1, 30), 1L, guide("本人申请", "10", 5L, "身份证")));
    events.add(published(Channel.WEB, "ITEM-G", at(2, 30), 1L, guide("本人申请", "12", 5L, "身份证")));
    events.add(published(Channel.WEB, "ITEM-G", at(30, 30), 2L, guide("本人申请", "10.00", 5L, "身份证")));
    events.add(published(Channel.HALL, "ITEM-H", at(1, 40), null, guide("a", "0", 1L, "x", "y")));
    events.add(published(Channel.APP, "ITEM-H", at(1, 50), null, guide("A", "0.00", 1L, "y", "x")));
    // offline_resubmission: web case W1 still open when the applicant submits H1 at the hall.
    events.add(submitted(Channel.WEB, "W1", "applicant-0001", "ITEM-1", at(1, 0)));
    events.add(submitted(Channel.HALL, "H1", "applicant-0001", "ITEM-1", at(4, 0)));
    events.add(status(Channel.WEB, "W1", CaseStatus.COMPLETED, at(40, 0)));
    // status_not_synced: the hall completes app case S1 at minute 3; the app follows at minute 80.
    events.add(submitted(Channel.APP, "S1", "applicant-0002", "ITEM-S", at(1, 0)));
    events.add(status(Channel.HALL, "S1", CaseStatus.COMPLETED, at(3, 0)));
    events.add(status(Channel.APP, "S1", CaseStatus.COMPLETED, at(80, 0)));
    events.sort(Comparator.comparingLong(event -> event.time));
    return events;
  }

  private static List<String> run(int parallelism) throws Exception {
    Configuration noKryo = new Configuration();
    noKryo.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noKryo);
    env.setParallelism(parallelism);

    // One ordered source, as one Kafka partition per region would be, watermarked on every event.
    DataStream<ChannelEvent> events =
        env.fromData(EVENTS, TypeInformation.of(ChannelEvent.class))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.forGenerator(context -> new EveryEvent())
                    .withTimestampAssigner((event, previous) -> event.time))
            .setParallelism(1);

    CloseableIterator<Incident> incidents = DetectionGraph.build(events, DetectionSettings.defaults()).collectAsync();
    env.execute("detection at parallelism " + parallelism);
    List<String> changes = new ArrayList<>();
    try (incidents) {
      incidents.forEachRemaining(incident -> changes.add(incident + " " + incident.resolvedAt + " " + incident.detailsJson));
    }
    changes.sort(null);
    return changes;
  }

  @Test
  void detectsEachKindOnceAndTheSameAtParallelismOneAndTwo() throws Exception {
    List<String> one = run(1);
    List<String> two = run(2);

    assertThat(two).isEqualTo(one);
    assertThat(one).extracting(change -> change.substring(0, change.indexOf(' ', change.indexOf(' ') + 1)))
        .containsExactlyInAnyOrder(
            "service_unavailable:330000:web:" + minute(2) + " open",
            "service_unavailable:330000:web:" + minute(2) + " resolved",
            "item_unavailable:330000:app:ITEM-A:" + minute(5) + " open",
            "item_unavailable:330000:app:ITEM-A:" + minute(5) + " resolved",
            "channel_silent:330000:wechat:" + at(5, 10) + " open",
            "channel_silent:330000:wechat:" + at(5, 10) + " resolved",
            "guide_inconsistent:330000:ITEM-G:" + at(2, 30) + " open",
            "guide_inconsistent:330000:ITEM-G:" + at(2, 30) + " resolved",
            "offline_resubmission:330000:applicant-0001:ITEM-1:" + minute(4) + " open",
            "offline_resubmission:330000:applicant-0001:ITEM-1:" + minute(4) + " resolved",
            "status_not_synced:330000:S1:" + minute(3) + " open",
            "status_not_synced:330000:S1:" + minute(3) + " resolved");
    assertThat(one).anySatisfy(change -> assertThat(change).startsWith(
        "channel_silent:330000:wechat:" + at(5, 10) + " resolved " + at(20, 10)));
    assertThat(one).anySatisfy(change -> assertThat(change).startsWith(
        "status_not_synced:330000:S1:" + minute(3) + " resolved " + minute(80)));
  }

  /** A watermark after every activity event, so that time passes while the input is read. */
  static final class EveryEvent implements WatermarkGenerator<ChannelEvent> {
    private long maxTime = Long.MIN_VALUE + 30_001;

    @Override
    public void onEvent(ChannelEvent event, long timestamp, WatermarkOutput output) {
      if (!event.type.isCatalog()) {
        maxTime = Math.max(maxTime, event.time);
        output.emitWatermark(new Watermark(maxTime - 30_000 - 1));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }
}
