package org.channelwatch.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Region;
import org.channelwatch.domain.Regions;
import org.channelwatch.simulator.EventSimulator;
import org.channelwatch.simulator.SimulatedEvent;
import org.channelwatch.simulator.SimulatorProfile;

/**
 * The fixed stream every fault test publishes: a few simulated minutes of all 32 regions with
 * injected faults, some invalid records and repeated deliveries, in three parts so that a fault
 * can come between them, and a closing access event per region at the very end.
 *
 * <p>What makes the end of an unbounded run deterministic: every region's closing event has the
 * same time {@link #END}, after every other event, so every Kafka partition ends at the same
 * event time and the final watermark is exactly {@code END - out-of-orderness - 1 ms}, whatever
 * order the partitions are read in. Within a partition event times never go back by more than the
 * out-of-orderness, so no event is ever {@code late}: lateness depends on when watermarks go out,
 * and a restored job starts with no watermark at all.
 */
final class FaultInput {

  /** Like any event time, in the past of the wall clock, or events would be {@code bad_time}. */
  static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");
  /** The simulator runs this long; its events are all before {@code T0 + SIMULATED}. */
  static final Duration SIMULATED = Duration.ofMinutes(6);
  /** The time of every region's closing event, after every other event. */
  static final Instant END = T0.plus(SIMULATED).plusSeconds(40);
  /** The job's bound on out-of-orderness (contract 2); the tests run the job with it. */
  static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);
  /** Where the parts split, in event time. */
  private static final List<Instant> PART_ENDS = List.of(T0.plusSeconds(120), T0.plusSeconds(240));

  private static final long SEED = 20261124L;
  /** One simulator event in this many is delivered twice in a row, as producers may. */
  private static final int REPEAT_EVERY = 997;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One Kafka record: the key picks the partition, the timestamp becomes a dead letter's receivedAt. */
  record Record(String key, String value, long timestamp) {}

  private final List<List<Record>> parts;
  private final Map<String, Instant> firstEventByRegion;
  private final int invalidRecords;

  private FaultInput(List<List<Record>> parts, Map<String, Instant> firstEventByRegion, int invalidRecords) {
    this.parts = parts;
    this.firstEventByRegion = firstEventByRegion;
    this.invalidRecords = invalidRecords;
  }

  static FaultInput build() {
    EventSimulator simulator = new EventSimulator(profile(), SEED, T0);
    // Incidents that open before a fault and resolve after it, and one that stays open; the
    // simulator adds a fault of its own every minute on average.
    simulator.injectOutage("110000", Channel.WEB, T0.plusSeconds(50), Duration.ofSeconds(150));
    simulator.injectItemOutage("310000", Channel.APP, T0.plusSeconds(100), Duration.ofSeconds(120));
    simulator.injectChannelSilence("320000", Channel.WECHAT, T0.plusSeconds(10), Duration.ofSeconds(350));
    List<List<Record>> parts = new ArrayList<>();
    Map<String, Instant> firstEvent = new TreeMap<>();
    int invalid = 0;
    long sequence = 0;
    Instant latest = T0;
    for (int part = 0; part <= PART_ENDS.size(); part++) {
      List<Record> records = new ArrayList<>();
      // Each part starts with one record of every invalid kind, so dead letters come from every
      // part, before and after each fault.
      for (String value : invalidRecords(part)) {
        records.add(new Record(keyOf(value), value, T0.toEpochMilli() + sequence++));
        invalid++;
      }
      Instant until = part < PART_ENDS.size() ? PART_ENDS.get(part) : T0.plus(SIMULATED);
      for (SimulatedEvent event : simulator.next(until)) {
        Instant time = timeOf(event.json());
        if (time.isBefore(latest.minus(OUT_OF_ORDERNESS))) {
          throw new IllegalStateException("the simulator went back in time to " + time + " after " + latest
              + ": that event could be late, and these tests need an input without late events");
        }
        latest = time.isAfter(latest) ? time : latest;
        firstEvent.merge(event.key(), time, (a, b) -> a.isBefore(b) ? a : b);
        Record record = new Record(event.key(), event.json(), T0.toEpochMilli() + sequence++);
        records.add(record);
        if (sequence % REPEAT_EVERY == 0) {
          records.add(new Record(record.key(), record.value(), T0.toEpochMilli() + sequence++));
        }
      }
      parts.add(records);
    }
    List<Record> last = parts.get(parts.size() - 1);
    for (Region region : Regions.all()) {
      String value = access("close-" + region.code(), region.code(), END);
      last.add(new Record(region.code(), value, T0.toEpochMilli() + sequence++));
      firstEvent.merge(region.code(), END, (a, b) -> a.isBefore(b) ? a : b);
    }
    return new FaultInput(List.copyOf(parts), firstEvent, invalid);
  }

  /**
   * The default profile, smaller: fewer events and items (the run's time goes with them), probes
   * still often enough for the availability rules' five samples a minute, and a fault a minute.
   */
  private static SimulatorProfile profile() {
    SimulatorProfile d = SimulatorProfile.defaults();
    return new SimulatorProfile(
        30, Duration.ofSeconds(10), d.regionsWithoutPlatform(), d.regionsHandlingOnline(), d.regionsWithBooking(),
        d.regionsWithOnlinePayment(), 10, 20, d.catalogRollout(), d.republishInterval(), d.withdrawalInterval(),
        d.minCaseDuration(), d.maxCaseDuration(), Duration.ofMinutes(1), d.firstFaultAfter(), d.minOutage(),
        d.maxOutage(), d.minInconsistency(), d.maxInconsistency(), d.faultWeights());
  }

  /** The records of one part, in publishing order. */
  List<Record> part(int index) {
    return parts.get(index);
  }

  int partCount() {
    return parts.size();
  }

  List<Record> all() {
    return parts.stream().flatMap(List::stream).toList();
  }

  int invalidRecords() {
    return invalidRecords;
  }

  /** The start of the last minute the final watermark closes. */
  static Instant lastMinute() {
    long watermark = END.minus(OUT_OF_ORDERNESS).toEpochMilli() - 1;
    // A minute [s, s + 60 s) is written once the watermark reaches its last millisecond.
    long lastEnd = Math.floorDiv(watermark + 1, 60_000L) * 60_000L;
    return Instant.ofEpochMilli(lastEnd - 60_000L);
  }

  /** The event time at which part {@code part} ends and the next begins. */
  static Instant endOfPart(int part) {
    return PART_ENDS.get(part);
  }

  /**
   * The ids of every per-minute document a finished run has (contract 4.1): each region from the
   * minute of its first event through {@link #lastMinute()}.
   */
  SortedSet<String> minuteDocumentIds() {
    SortedSet<String> ids = new TreeSet<>();
    long last = lastMinute().toEpochMilli();
    firstEventByRegion.forEach(
        (region, first) -> {
          for (long minute = Math.floorDiv(first.toEpochMilli(), 60_000L) * 60_000L; minute <= last; minute += 60_000L) {
            ids.add(region + ":" + minute);
          }
        });
    return ids;
  }

  private static List<String> invalidRecords(int part) {
    String tag = "fault-invalid-" + part;
    String time = T0.plus(Duration.ofMinutes(2L * part)).toString();
    return List.of(
        // malformed_json
        "{\"specversion\":\"1.0\",\"id\":\"" + tag + "-json\",",
        // unknown_region
        envelope(tag + "-region", "gov.service.access", "990000", "web", time) + "{\"outcome\":\"ok\"}}",
        // unknown_type
        envelope(tag + "-type", "gov.service.unknown", "110000", "web", time) + "{\"outcome\":\"ok\"}}",
        // schema: data without an outcome
        envelope(tag + "-schema", "gov.service.access", "310000", "app", time) + "{\"latencyMs\":12}}",
        // pii: a mobile number as the applicant
        envelope(tag + "-pii", "gov.case.submitted", "440000", "web", time)
            + "{\"caseId\":\"" + tag + "-case\",\"applicantId\":\"13812345678\",\"itemCode\":\"X-1\"}}");
  }

  private static String access(String id, String region, Instant time) {
    return envelope(id, "gov.service.access", region, "hall", time.toString()) + "{\"outcome\":\"ok\"}}";
  }

  private static String envelope(String id, String type, String region, String channel, String time) {
    return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/" + region + "/" + channel + "/fault-test\","
        + "\"type\":\"" + type + "\",\"time\":\"" + time + "\",\"region\":\"" + region + "\",\"channel\":\""
        + channel + "\",\"data\":";
  }

  /** The region when the record names one, so records go where a producer keyed by region puts them. */
  private static String keyOf(String value) {
    try {
      JsonNode region = JSON.readTree(value).get("region");
      return region == null ? "no-region" : region.asText();
    } catch (IOException notJson) {
      return "no-region";
    }
  }

  private static Instant timeOf(String json) {
    try {
      return OffsetDateTime.parse(JSON.readTree(json).get("time").asText()).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException("the simulator made an event that is not JSON", e);
    }
  }
}
