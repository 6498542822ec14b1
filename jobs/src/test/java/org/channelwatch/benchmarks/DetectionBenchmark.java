package org.channelwatch.benchmarks;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.channelwatch.detection.AccessTally;
import org.channelwatch.detection.MapLedger;
import org.channelwatch.detection.ApplicantItemCases;
import org.channelwatch.detection.AvailabilityDetector;
import org.channelwatch.detection.CaseFact;
import org.channelwatch.detection.CaseRecord;
import org.channelwatch.detection.ChannelActivity;
import org.channelwatch.detection.ChannelPublication;
import org.channelwatch.detection.DetectionSettings;
import org.channelwatch.detection.GuideComparison;
import org.channelwatch.detection.GuideConsistencyRule;
import org.channelwatch.detection.GuideWatch;
import org.channelwatch.detection.MinuteSpan;
import org.channelwatch.detection.NormalisedKeyFacts;
import org.channelwatch.detection.OfflineResubmissionRule;
import org.channelwatch.detection.SilenceRule;
import org.channelwatch.detection.StatusSyncRule;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.indicators.Windows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each detector's work per event of its kind, on the simulator's events, as its operator does it but
 * with plain maps for state: minutes closed as a watermark 30 s behind would close them. The
 * baseline is one Flink serialisation round trip of the event, what every keyed shuffle costs it
 * anyway, so a ratio of 1 means the detector costs as much as moving the event to it. Events per
 * second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectionBenchmark {
  static final int EVENTS = 10_000;
  static final int CATALOG_EVENTS = 1_000;
  private static final long OUT_OF_ORDERNESS = 30_000;

  private final DetectionSettings settings = DetectionSettings.defaults();
  private List<ChannelEvent> activity;
  private List<ChannelEvent> access;
  private List<ChannelEvent> catalog;
  private List<ChannelEvent> cases;
  private TypeSerializer<ChannelEvent> serializer;
  private final DataOutputSerializer out = new DataOutputSerializer(4096);
  private final DataInputDeserializer in = new DataInputDeserializer();

  @Setup(Level.Trial)
  public void generate() {
    activity = SimulatedInput.events(EVENTS, e -> !e.type.isCatalog());
    access = SimulatedInput.events(EVENTS, e -> e.type == EventType.SERVICE_ACCESS);
    catalog = SimulatedInput.events(CATALOG_EVENTS, e -> e.type.isCatalog());
    cases = SimulatedInput.events(EVENTS, e -> e.type == EventType.CASE_SUBMITTED || e.type == EventType.CASE_STATUS);
    serializer = TypeInformation.of(ChannelEvent.class).createSerializer(new SerializerConfigImpl());
  }

  /** Baseline: serialising and deserialising the event as a keyed shuffle does. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void shuffleRoundTrip(Blackhole sink) throws IOException {
    for (ChannelEvent event : activity) {
      out.clear();
      serializer.serialize(event, out);
      in.setBuffer(out.getSharedBuffer(), 0, out.length());
      sink.consume(serializer.deserialize(in));
    }
  }

  /** service_unavailable and item_unavailable: tally each access, judge each closed minute. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void availability(Blackhole sink) {
    AvailabilityDetector detector = new AvailabilityDetector(settings);
    Map<String, TreeMap<Long, AccessTally>> channels = new HashMap<>();
    Map<String, TreeMap<Long, TreeMap<String, AccessTally>>> items = new HashMap<>();
    Map<String, MapLedger> ledgers = new HashMap<>();
    long closedUpTo = Long.MIN_VALUE;
    for (ChannelEvent event : access) {
      String key = event.region + ":" + event.channel.wireName();
      long minute = Windows.startOf(event.time);
      boolean ok = event.outcome == AccessOutcome.OK;
      channels.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(minute, m -> new AccessTally()).add(ok);
      if (event.itemCode != null) {
        items.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(minute, m -> new TreeMap<>())
            .computeIfAbsent(event.itemCode, i -> new AccessTally()).add(ok);
      }
      long closable = Windows.startOf(event.time - OUT_OF_ORDERNESS);
      if (closable > closedUpTo) {
        closedUpTo = closable;
        channels.forEach((channelKey, minutes) -> {
          while (!minutes.isEmpty() && minutes.firstKey() < closable) {
            Map.Entry<Long, AccessTally> closed = minutes.pollFirstEntry();
            TreeMap<String, AccessTally> itemsOfMinute =
                items.getOrDefault(channelKey, new TreeMap<>()).remove(closed.getKey());
            sink.consume(detector.closeMinute(
                regionOf(channelKey), channelOf(channelKey), closed.getKey(), closed.getValue(),
                itemsOfMinute == null ? new TreeMap<>() : itemsOfMinute,
                ledgers.computeIfAbsent(channelKey, k -> new MapLedger())));
          }
        });
      }
    }
  }

  /** channel_silent: the first and last event of each channel's minute, judged as minutes close. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void silence(Blackhole sink) {
    SilenceRule rule = new SilenceRule(settings.silenceAfter());
    Map<String, TreeMap<Long, MinuteSpan>> spans = new HashMap<>();
    Map<String, ChannelActivity> activities = new HashMap<>();
    long closedUpTo = Long.MIN_VALUE;
    for (ChannelEvent event : activity) {
      String key = event.region + ":" + event.channel.wireName();
      spans.computeIfAbsent(key, k -> new TreeMap<>())
          .merge(Windows.startOf(event.time), MinuteSpan.of(event.time), (a, b) -> {
            a.include(event.time);
            return a;
          });
      long closable = Windows.startOf(event.time - OUT_OF_ORDERNESS);
      if (closable > closedUpTo) {
        closedUpTo = closable;
        spans.forEach((channelKey, minutes) -> {
          ChannelActivity channelActivity = activities.computeIfAbsent(channelKey, k -> new ChannelActivity());
          while (!minutes.isEmpty() && minutes.firstKey() < closable) {
            MinuteSpan span = minutes.pollFirstEntry().getValue();
            sink.consume(rule.onMinute(regionOf(channelKey), channelOf(channelKey), channelActivity, span.first, span.last));
          }
          sink.consume(rule.onTime(regionOf(channelKey), channelOf(channelKey), channelActivity, closable - 1, false));
        });
      }
    }
  }

  /** guide_inconsistent: apply each publication or withdrawal and compare the item's channels. */
  @Benchmark
  @OperationsPerInvocation(CATALOG_EVENTS)
  public void guides(Blackhole sink) {
    GuideConsistencyRule rule = new GuideConsistencyRule(settings.inconsistencyGrace());
    Map<String, Map<Channel, ChannelPublication>> publications = new HashMap<>();
    Map<String, GuideWatch> watches = new HashMap<>();
    for (ChannelEvent event : catalog) {
      String key = event.region + ":" + event.itemCode;
      Map<Channel, ChannelPublication> item = publications.computeIfAbsent(key, k -> new EnumMap<>(Channel.class));
      ChannelPublication current = item.get(event.channel);
      if (GuideConsistencyRule.isStale(current, event.revision)) {
        continue;
      }
      item.put(event.channel, GuideConsistencyRule.apply(current, event));
      Map<Channel, NormalisedKeyFacts> published = new EnumMap<>(Channel.class);
      item.forEach((channel, publication) -> {
        if (publication.published) {
          published.put(channel, publication.facts);
        }
      });
      GuideConsistencyRule.Outcome outcome =
          rule.afterChange(event.region, event.itemCode, watches.get(key), GuideComparison.of(published), event.time);
      watches.put(key, outcome.watch());
      sink.consume(outcome.changes());
    }
  }

  /** status_not_synced: record each submission and status, judge the sync deadline. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void statusSync(Blackhole sink) {
    StatusSyncRule rule = new StatusSyncRule(settings.statusSyncSla());
    Map<String, CaseRecord> records = new HashMap<>();
    for (ChannelEvent event : cases) {
      CaseRecord record = records.computeIfAbsent(event.region + ":" + event.caseId, k -> new CaseRecord());
      if (event.type == EventType.CASE_SUBMITTED) {
        sink.consume(rule.recordSubmission(record, event));
      } else {
        sink.consume(rule.recordStatus(record, event.channel, event.status, event.time));
      }
      sink.consume(rule.onTime(event.region, event.caseId, record, event.time, false));
    }
  }

  /** offline_resubmission: each submission and first terminal report, per applicant and item. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void resubmissions(Blackhole sink) {
    OfflineResubmissionRule rule = new OfflineResubmissionRule(settings.resubmissionLookback());
    Map<String, CaseFact> submissions = new HashMap<>();
    Map<String, ApplicantItemCases> byApplicantAndItem = new HashMap<>();
    for (ChannelEvent event : cases) {
      String caseKey = event.region + ":" + event.caseId;
      CaseFact fact;
      if (event.type == EventType.CASE_SUBMITTED) {
        fact = fact(CaseFact.Kind.SUBMITTED, event.region, event.caseId, event.applicantId, event.itemCode, event.channel, event.time);
        submissions.put(caseKey, fact);
      } else {
        CaseFact submitted = submissions.get(caseKey);
        if (submitted == null || !event.status.isTerminal()) {
          continue;
        }
        fact = fact(CaseFact.Kind.TERMINAL, submitted.region, submitted.caseId, submitted.applicantId, submitted.itemCode,
            submitted.submittedOn, event.time);
      }
      ApplicantItemCases applicantCases =
          byApplicantAndItem.computeIfAbsent(fact.region + ":" + fact.applicantId + ":" + fact.itemCode, k -> new ApplicantItemCases());
      sink.consume(rule.apply(fact, applicantCases));
      rule.forgetExpired(applicantCases, fact.time);
    }
  }

  private static CaseFact fact(
      CaseFact.Kind kind, String region, String caseId, String applicantId, String itemCode, Channel submittedOn, long time) {
    CaseFact fact = new CaseFact();
    fact.kind = kind;
    fact.region = region;
    fact.caseId = caseId;
    fact.applicantId = applicantId;
    fact.itemCode = itemCode;
    fact.submittedOn = submittedOn;
    fact.time = time;
    return fact;
  }

  private static String regionOf(String regionAndChannel) {
    return regionAndChannel.substring(0, regionAndChannel.indexOf(':'));
  }

  private static Channel channelOf(String regionAndChannel) {
    return Channel.fromWireName(regionAndChannel.substring(regionAndChannel.indexOf(':') + 1)).orElseThrow();
  }
}
