package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.indicators.TestEvents.MINUTE;
import static org.channelwatch.indicators.TestEvents.SECOND;
import static org.channelwatch.indicators.TestEvents.T0;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Guide;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;
import org.channelwatch.domain.VisitPurpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the real indicator graph on a MiniCluster, as the job will. */
class IndicatorGraphTest {

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final List<String> REGIONS = List.of("110000", "310000", "330000", "440000", "510000", "650000");
  private static final int MINUTES = 6;

  /**
   * A few minutes of every kind of event for six regions, shuffled by up to 15 seconds (within the
   * 30 s the watermarks allow, so no event is late).
   */
  private static List<ChannelEvent> events() {
    Random random = new Random(42);
    List<ChannelEvent> events = new ArrayList<>();
    Map<String, List<String>> cases = new LinkedHashMap<>();
    int caseNumber = 0;
    for (long base = T0; base < T0 + MINUTES * MINUTE; base += 250) {
      String region = REGIONS.get(random.nextInt(REGIONS.size()));
      Channel channel = Channel.values()[random.nextInt(4)];
      long time = base - random.nextInt(15_000);
      String item = "ITEM-" + random.nextInt(6);
      String applicant = "applicant-" + random.nextInt(5);
      List<String> regionCases = cases.computeIfAbsent(region, r -> new ArrayList<>());
      int kind = random.nextInt(100);
      ChannelEvent event;
      if (kind < 60) {
        event = TestEvents.access(channel, time, random.nextInt(10) < 8, random.nextBoolean() ? (long) random.nextInt(900) : null);
      } else if (kind < 68) {
        String caseId = "case-" + caseNumber++;
        regionCases.add(caseId);
        event = TestEvents.submitted(caseId, applicant, item, channel, time);
      } else if (kind < 78 && !regionCases.isEmpty()) {
        String caseId = regionCases.get(random.nextInt(regionCases.size()));
        event = TestEvents.status(caseId, CaseStatus.values()[random.nextInt(CaseStatus.values().length)], channel, time);
      } else if (kind < 86) {
        String caseId = random.nextBoolean() && !regionCases.isEmpty() ? regionCases.get(random.nextInt(regionCases.size())) : null;
        event = TestEvents.visit(applicant, item, VisitPurpose.values()[random.nextInt(4)], caseId, time);
      } else if (kind < 92) {
        event = TestEvents.rating(1 + random.nextInt(5), channel, time);
      } else if (kind < 97) {
        Guide guide = TestEvents.guideWithElements(random.nextInt(13));
        if (guide.timeLimitDays != null) {
          guide.timeLimitDays = (long) (1 + random.nextInt(2));
        }
        Long revision = random.nextBoolean() ? (long) random.nextInt(5) : null;
        event = TestEvents.published(item, channel, time, revision, 1 + random.nextInt(4), guide);
        event.unifiedAuth = random.nextBoolean();
        event.onlinePayment = random.nextBoolean();
      } else {
        event = TestEvents.withdrawn(item, channel, time, random.nextBoolean() ? (long) random.nextInt(5) : null);
      }
      event.region = region;
      events.add(event);
    }
    return events;
  }

  private static List<Incident> incidentChanges() {
    Incident opened = new Incident();
    opened.kind = IncidentKind.SERVICE_UNAVAILABLE;
    opened.region = "330000";
    opened.channel = Channel.WEB;
    opened.openedAt = T0 + MINUTE;
    opened.detailsJson = "{}";
    Incident resolved = new Incident();
    resolved.kind = opened.kind;
    resolved.region = opened.region;
    resolved.channel = opened.channel;
    resolved.openedAt = opened.openedAt;
    resolved.resolvedAt = T0 + 4 * MINUTE;
    resolved.detailsJson = "{}";
    return List.of(opened, resolved);
  }

  /** The documents Elasticsearch would end up with: the last write of each index and id. */
  private static Map<String, String> run(int parallelism) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    env.getConfig().setAutoWatermarkInterval(1);

    List<ChannelEvent> input = events();
    // As Kafka partitions keyed by region: each region's events keep their order in one subtask.
    DataStream<ChannelEvent> events =
        env.fromData(input, TypeInformation.of(ChannelEvent.class))
            .partitionCustom(new ByRegionIndex(), event -> event.region)
            .map(new OccasionallySlow())
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<ChannelEvent>forBoundedOutOfOrderness(Duration.ofSeconds(30))
                    .withTimestampAssigner((event, previous) -> event.time));
    List<Incident> changes = incidentChanges();
    long[] knownAt = {T0 + 2 * MINUTE, T0 + 4 * MINUTE + SECOND};
    DataStream<Incident> incidents =
        env.fromData(changes, TypeInformation.of(Incident.class))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Incident>forMonotonousTimestamps()
                    .withTimestampAssigner((change, previous) -> change.isOpen() ? knownAt[0] : knownAt[1]));

    Map<String, String> written = new LinkedHashMap<>();
    CloseableIterator<EsDocument> documents =
        IndicatorGraph.build(events, incidents, IndicatorSettings.defaults()).collectAsync();
    env.execute("indicators at parallelism " + parallelism);
    try {
      documents.forEachRemaining(doc -> written.put(doc.index() + "/" + doc.id(), doc.sourceAsString()));
    } finally {
      documents.close();
    }
    return written;
  }

  @Test
  void writesTheSameDocumentsAtParallelismOneAndTwo() throws Exception {
    Map<String, String> one = run(1);
    Map<String, String> two = run(2);

    assertThat(two.keySet()).isEqualTo(one.keySet());
    List<String> differing = one.keySet().stream().filter(key -> !one.get(key).equals(two.get(key))).toList();
    assertThat(differing).as("documents that differ between the runs").isEmpty();
    assertThat(one.keySet().stream().filter(key -> key.startsWith("channelwatch-regions/"))).hasSize(REGIONS.size());
    long minutes = one.keySet().stream().filter(key -> key.startsWith(IndicatorDocuments.INDEX_PREFIX)).count();
    assertThat(minutes).isBetween((long) REGIONS.size() * (MINUTES - 1), (long) REGIONS.size() * (MINUTES + 1));
    assertThat(one.keySet().stream().filter(key -> key.startsWith("channelwatch-items/"))).isNotEmpty();
    assertThat(one.get(IndicatorDocuments.INDEX_PREFIX + "2026.11.25/330000:" + (T0 + 2 * MINUTE)))
        .contains("\"service_unavailable\":1");
    assertThat(one.get(IndicatorDocuments.INDEX_PREFIX + "2026.11.25/330000:" + (T0 + 4 * MINUTE)))
        .contains("\"service_unavailable\":0");
  }

  /** Sends each region to the subtask of its place in the list, like a partition per region. */
  static final class ByRegionIndex implements Partitioner<String> {
    @Override
    public int partition(String region, int partitions) {
      return REGIONS.indexOf(region) % partitions;
    }
  }

  /** Pauses now and then, so watermarks advance while events still flow. */
  static final class OccasionallySlow implements MapFunction<ChannelEvent, ChannelEvent> {
    private int seen;

    @Override
    public ChannelEvent map(ChannelEvent event) throws Exception {
      if (++seen % 100 == 0) {
        Thread.sleep(5);
      }
      return event;
    }
  }
}
