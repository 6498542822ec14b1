package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.indicators.TestEvents.MINUTE;
import static org.channelwatch.indicators.TestEvents.REGION;
import static org.channelwatch.indicators.TestEvents.SECOND;
import static org.channelwatch.indicators.TestEvents.T0;
import static org.channelwatch.indicators.TestEvents.access;
import static org.channelwatch.indicators.TestEvents.published;
import static org.channelwatch.indicators.TestEvents.rating;
import static org.channelwatch.indicators.TestEvents.status;
import static org.channelwatch.indicators.TestEvents.submitted;
import static org.channelwatch.indicators.TestEvents.visit;
import static org.channelwatch.indicators.TestEvents.withdrawn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Guide;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;
import org.channelwatch.domain.VisitPurpose;
import org.channelwatch.minutes.ChannelMinute;
import org.channelwatch.state.WriteBackKeyedCoProcessOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegionIndicatorFunctionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IndicatorSettings SETTINGS =
      IndicatorSettings.defaults().withEndedCaseMemory(Duration.ofHours(1)).withCaseTimeToLive(Duration.ofHours(2));

  private KeyedTwoInputStreamOperatorTestHarness<String, ChannelEvent, MinuteOrIncident, EsDocument> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = newHarness();
    harness.open();
  }

  private static KeyedTwoInputStreamOperatorTestHarness<String, ChannelEvent, MinuteOrIncident, EsDocument> newHarness()
      throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new WriteBackKeyedCoProcessOperator<>(new RegionIndicatorFunction(SETTINGS)),
        new IndicatorGraph.EventRegion(),
        new IndicatorGraph.InputRegion(),
        Types.STRING);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private void send(ChannelEvent... events) throws Exception {
    for (ChannelEvent event : events) {
      harness.processElement1(event, event.time);
    }
  }

  private void send(Incident change, long timestamp) throws Exception {
    harness.processElement2(MinuteOrIncident.of(change), timestamp);
  }

  private void watermark(long time) throws Exception {
    harness.processBothWatermarks(new Watermark(time));
  }

  /** Advances event time past the end of the minute starting at {@code windowStart}. */
  private void passMinuteStartingAt(long windowStart) throws Exception {
    watermark(windowStart + MINUTE - 1);
  }

  private List<JsonNode> documents(String indexPrefix) {
    return harness.extractOutputValues().stream()
        .filter(doc -> doc.index().startsWith(indexPrefix))
        .map(RegionIndicatorFunctionTest::json)
        .toList();
  }

  private List<JsonNode> minutes() {
    return documents(IndicatorDocuments.INDEX_PREFIX);
  }

  private JsonNode minute(long windowStart) {
    String start = Instant.ofEpochMilli(windowStart).toString();
    List<JsonNode> found = minutes().stream().filter(doc -> doc.get("windowStart").asText().equals(start)).toList();
    assertThat(found).as("documents of the minute starting " + start).hasSize(1);
    return found.get(0);
  }

  private List<JsonNode> items() {
    return documents(IndicatorDocuments.ITEMS_INDEX);
  }

  private static JsonNode json(EsDocument doc) {
    try {
      return JSON.readTree(doc.source());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long regionsWithState(String stateName) throws Exception {
    return harness.getOperator().getKeyedStateBackend().getKeys(stateName, VoidNamespace.INSTANCE).count();
  }

  private static Incident incident(IncidentKind kind, Channel channel, long openedAt, Long resolvedAt) {
    Incident incident = new Incident();
    incident.kind = kind;
    incident.region = REGION;
    incident.channel = channel;
    incident.openedAt = openedAt;
    incident.resolvedAt = resolvedAt;
    incident.detailsJson = "{}";
    return incident;
  }

  @Test
  void writesAMinuteOnlyOnceTheWatermarkPassesItsEnd() throws Exception {
    send(access(Channel.WEB, T0 + 10 * SECOND, true, 100L));
    watermark(T0 + MINUTE - 2);
    assertThat(minutes()).isEmpty();
    passMinuteStartingAt(T0);
    assertThat(minutes()).hasSize(1);
    assertThat(minute(T0).at("/access/web/samples").asLong()).isEqualTo(1);
    assertThat(harness.extractOutputValues().get(0).id()).isEqualTo(REGION + ":" + T0);
  }

  @Test
  void writesTheSameMinutesWhetherAccessesAndRatingsComeOneByOneOrAsChannelMinutes() throws Exception {
    List<ChannelEvent> events = List.of(
        access(Channel.WEB, T0, true, 100L),
        access(Channel.WEB, T0 + SECOND, false, null),
        access(Channel.WEB, T0 + 2 * SECOND, true, 300L),
        access(Channel.HALL, T0 + 2 * SECOND, true, 40L),
        submitted("C1", "applicant-1", "ITEM", Channel.WEB, T0 + 3 * SECOND),
        visit("applicant-2", "ITEM", VisitPurpose.SUBMIT, null, T0 + 6 * SECOND),
        rating(2, Channel.WEB, T0 + 8 * SECOND),
        rating(4, Channel.APP, T0 + 9 * SECOND),
        rating(1, Channel.APP, T0 + 10 * SECOND),
        access(Channel.APP, T0 + MINUTE + SECOND, false, 900L),
        rating(5, Channel.APP, T0 + 2 * MINUTE));
    send(events.toArray(ChannelEvent[]::new));
    passMinuteStartingAt(T0 + 3 * MINUTE);
    List<String> oneByOne = minutes().stream().map(JsonNode::toString).toList();

    try (var summarised = newHarness()) {
      summarised.open();
      java.util.Map<String, ChannelMinute> byChannelAndMinute = new java.util.TreeMap<>();
      for (ChannelEvent event : events) {
        if (RegionIndicatorFunction.isSummarised(event.type)) {
          long windowStart = Windows.startOf(event.time);
          byChannelAndMinute
              .computeIfAbsent(windowStart + "/" + event.channel, k -> ChannelMinute.of(REGION, event.channel, windowStart))
              .add(event);
        } else {
          summarised.processElement1(event, event.time);
        }
      }
      for (ChannelMinute minute : byChannelAndMinute.values()) {
        summarised.processElement2(MinuteOrIncident.of(minute.trimmed()), minute.windowEnd());
      }
      summarised.processBothWatermarks(new Watermark(T0 + 4 * MINUTE - 1));
      List<String> asSummaries =
          summarised.extractOutputValues().stream()
              .filter(doc -> doc.index().startsWith(IndicatorDocuments.INDEX_PREFIX))
              .map(doc -> json(doc).toString())
              .toList();
      assertThat(oneByOne).hasSize(4);
      assertThat(asSummaries).isEqualTo(oneByOne);
    }
  }

  @Test
  void writesEveryQuietMinuteAfterTheFirstEventUpToTheWatermark() throws Exception {
    watermark(T0 - 1);
    send(access(Channel.WEB, T0 + 10 * SECOND, true, 100L));
    passMinuteStartingAt(T0 + 3 * MINUTE);
    assertThat(minutes()).hasSize(4);
    for (int i = 1; i <= 3; i++) {
      JsonNode quiet = minute(T0 + i * MINUTE);
      assertThat(quiet.at("/access/web/samples").asLong()).isZero();
      // The last known okRatio keeps a quiet channel reachable.
      assertThat(quiet.at("/scores/reachable").asDouble()).isEqualTo(25.0);
    }
    // One timer waits for the next minute's end; no other is left.
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void stopsQuietMinutesAfterTheLastEventAtTheEndOfInput() throws Exception {
    send(access(Channel.WEB, T0, true, null), access(Channel.APP, T0 + 2 * MINUTE, false, null));
    watermark(Long.MAX_VALUE);
    assertThat(minutes()).hasSize(3);
    assertThat(minute(T0 + MINUTE).at("/access/web/samples").asLong()).isZero();
    assertThat(minute(T0 + 2 * MINUTE).at("/access/app/okRatio").asDouble()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void countsTheActivityOfEachMinute() throws Exception {
    send(
        access(Channel.WEB, T0, true, 100L),
        access(Channel.WEB, T0 + SECOND, false, null),
        access(Channel.HALL, T0 + 2 * SECOND, true, 40L),
        submitted("C1", "applicant-1", "ITEM", Channel.WEB, T0 + 3 * SECOND),
        submitted("C2", "applicant-2", "ITEM", Channel.HALL, T0 + 4 * SECOND),
        submitted("C1", "applicant-1", "ITEM", Channel.APP, T0 + 5 * SECOND),
        visit("applicant-2", "ITEM", VisitPurpose.SUBMIT, "C2", T0 + 6 * SECOND),
        visit("applicant-3", "ITEM", VisitPurpose.CONSULT, null, T0 + 7 * SECOND),
        rating(2, Channel.WEB, T0 + 8 * SECOND),
        rating(4, Channel.APP, T0 + 9 * SECOND),
        // Next minute.
        rating(5, Channel.APP, T0 + MINUTE));
    passMinuteStartingAt(T0 + MINUTE);
    JsonNode first = minute(T0);
    assertThat(first.at("/access/web/samples").asLong()).isEqualTo(2);
    assertThat(first.at("/access/web/ok").asLong()).isEqualTo(1);
    assertThat(first.at("/access/web/okRatio").asDouble()).isEqualTo(0.5);
    assertThat(first.at("/access/web/p95LatencyMs").asLong()).isEqualTo(100);
    assertThat(first.at("/cases/submitted").asLong()).isEqualTo(2);
    assertThat(first.at("/cases/submittedOnline").asLong()).isEqualTo(1);
    assertThat(first.at("/visits/total").asLong()).isEqualTo(2);
    assertThat(first.at("/visits/byPurpose/submit").asLong()).isEqualTo(1);
    assertThat(first.at("/visits/byPurpose/consult").asLong()).isEqualTo(1);
    assertThat(first.at("/ratings/count").asLong()).isEqualTo(2);
    assertThat(first.at("/ratings/sum").asLong()).isEqualTo(6);
    assertThat(first.at("/ratings/bad").asLong()).isEqualTo(1);
    // reachable: hall 1, web 0.5, app and wechat never seen.
    assertThat(first.at("/scores/reachable").asDouble()).isEqualTo(37.5);
    assertThat(minute(T0 + MINUTE).at("/ratings/count").asLong()).isEqualTo(1);
  }

  @Test
  void countsOnlineCompletionsWithoutHallVisits() throws Exception {
    send(
        submitted("web-visited", "applicant-1", "ITEM", Channel.WEB, T0),
        submitted("app-zero", "applicant-2", "ITEM", Channel.APP, T0 + SECOND),
        submitted("hall", "applicant-3", "ITEM", Channel.HALL, T0 + 2 * SECOND),
        // No case id: links to applicant-1's open case for the item.
        visit("applicant-1", "ITEM", VisitPurpose.SUPPLEMENT, null, T0 + 10 * SECOND),
        status("web-visited", CaseStatus.COMPLETED, Channel.HALL, T0 + MINUTE + SECOND),
        status("app-zero", CaseStatus.COMPLETED, Channel.APP, T0 + MINUTE + 2 * SECOND),
        status("app-zero", CaseStatus.COMPLETED, Channel.HALL, T0 + MINUTE + 3 * SECOND),
        status("hall", CaseStatus.COMPLETED, Channel.HALL, T0 + MINUTE + 4 * SECOND));
    passMinuteStartingAt(T0 + MINUTE);
    JsonNode second = minute(T0 + MINUTE);
    assertThat(second.at("/cases/completed").asLong()).isEqualTo(3);
    assertThat(second.at("/cases/completedOnline").asLong()).isEqualTo(2);
    assertThat(second.at("/cases/completedOnlineZeroVisit").asLong()).isEqualTo(1);
    assertThat(minute(T0).at("/cases/completed").asLong()).isZero();
  }

  @Test
  void aVisitWithACaseIdLinksToThatCaseEvenIfItArrivesBeforeTheSubmission() throws Exception {
    send(
        visit("applicant-1", "ITEM", VisitPurpose.SUBMIT, "C1", T0 + 20 * SECOND),
        submitted("C1", "applicant-1", "ITEM", Channel.WECHAT, T0 + 10 * SECOND),
        submitted("C2", "applicant-1", "ITEM", Channel.WECHAT, T0 + 15 * SECOND),
        status("C1", CaseStatus.COMPLETED, Channel.WECHAT, T0 + 30 * SECOND),
        status("C2", CaseStatus.COMPLETED, Channel.WECHAT, T0 + 30 * SECOND));
    passMinuteStartingAt(T0);
    assertThat(minute(T0).at("/cases/completedOnline").asLong()).isEqualTo(2);
    // C2 was the more recent submission, but the visit named C1.
    assertThat(minute(T0).at("/cases/completedOnlineZeroVisit").asLong()).isEqualTo(1);
  }

  @Test
  void appliesCaseEventsInEventTimeOrderWhateverTheirArrivalOrder() throws Exception {
    // Each pair arrives later event first, as parallel subtasks may deliver them.
    send(
        // The visit must link to C1, submitted before it, so C1 is not a zero-visit completion.
        visit("applicant-1", "ITEM", VisitPurpose.SUPPLEMENT, null, T0 + 20 * SECOND),
        submitted("C1", "applicant-1", "ITEM", Channel.APP, T0 + 10 * SECOND),
        // The earlier submission of C2 counts: at the hall, not online.
        submitted("C2", "applicant-2", "ITEM", Channel.WEB, T0 + 12 * SECOND),
        submitted("C2", "applicant-2", "ITEM", Channel.HALL, T0 + 11 * SECOND),
        // The earlier terminal report ends C3: rejected, so not a completion.
        submitted("C3", "applicant-3", "ITEM", Channel.WEB, T0 + 13 * SECOND),
        status("C3", CaseStatus.COMPLETED, Channel.WEB, T0 + MINUTE + 20 * SECOND),
        status("C3", CaseStatus.REJECTED, Channel.WEB, T0 + MINUTE + 10 * SECOND),
        status("C1", CaseStatus.COMPLETED, Channel.APP, T0 + MINUTE + 30 * SECOND));
    passMinuteStartingAt(T0 + MINUTE);
    assertThat(minute(T0).at("/cases/submitted").asLong()).isEqualTo(3);
    assertThat(minute(T0).at("/cases/submittedOnline").asLong()).isEqualTo(2);
    JsonNode second = minute(T0 + MINUTE);
    assertThat(second.at("/cases/completed").asLong()).isEqualTo(1);
    assertThat(second.at("/cases/completedOnline").asLong()).isEqualTo(1);
    assertThat(second.at("/cases/completedOnlineZeroVisit").asLong()).isZero();
  }

  @Test
  void aSubmissionAppliesBeforeAVisitAtTheSameInstant() throws Exception {
    send(
        visit("applicant-1", "ITEM", VisitPurpose.SUBMIT, null, T0 + 10 * SECOND),
        submitted("C1", "applicant-1", "ITEM", Channel.WEB, T0 + 10 * SECOND),
        status("C1", CaseStatus.COMPLETED, Channel.WEB, T0 + 20 * SECOND));
    passMinuteStartingAt(T0);
    assertThat(minute(T0).at("/cases/completedOnline").asLong()).isEqualTo(1);
    assertThat(minute(T0).at("/cases/completedOnlineZeroVisit").asLong()).isZero();
  }

  @Test
  void clearsTheStateOfCasesOnceTheyEnd() throws Exception {
    send(
        submitted("C1", "applicant-1", "ITEM", Channel.WEB, T0),
        visit("applicant-1", "ITEM", VisitPurpose.SUBMIT, null, T0 + SECOND),
        status("C1", CaseStatus.REJECTED, Channel.WEB, T0 + 2 * SECOND));
    watermark(T0 + 2 * SECOND);
    assertThat(regionsWithState("cases")).isEqualTo(1);
    passMinuteStartingAt(T0);
    assertThat(regionsWithState("cases")).isZero();
    assertThat(regionsWithState("case-ids-by-applicant-and-item")).isZero();
    assertThat(regionsWithState("minutes")).isZero();
    // Only the id is remembered, for the configured hour, then swept at an hour's end.
    assertThat(regionsWithState("ended-case-ids")).isEqualTo(1);
    passMinuteStartingAt(T0 + Duration.ofMinutes(119).toMillis());
    assertThat(regionsWithState("ended-case-ids")).isZero();
  }

  @Test
  void dropsCasesThatNeverEndAfterTheirTimeToLive() throws Exception {
    send(submitted("C1", "applicant-1", "ITEM", Channel.WEB, T0 + SECOND));
    passMinuteStartingAt(T0 + Duration.ofMinutes(119).toMillis());
    assertThat(regionsWithState("cases")).isEqualTo(1);
    passMinuteStartingAt(T0 + Duration.ofMinutes(179).toMillis());
    assertThat(regionsWithState("cases")).isZero();
    assertThat(regionsWithState("case-ids-by-applicant-and-item")).isZero();
  }

  @Test
  void appliesCatalogEventsInRevisionOrderWhateverTheirArrivalOrder() throws Exception {
    send(
        published("A", Channel.WEB, T0 + 2 * SECOND, 7L, 4, TestEvents.completeGuide()),
        published("A", Channel.WEB, T0 + 3 * SECOND, 5L, 1, TestEvents.completeGuide()),
        withdrawn("A", Channel.WEB, T0 + 4 * SECOND, 6L),
        published("A", Channel.HALL, T0 + SECOND, null, 1, TestEvents.completeGuide()));
    passMinuteStartingAt(T0);
    // The two stale events wrote no items document.
    assertThat(items()).hasSize(2);
    JsonNode item = items().get(1);
    assertThat(item.at("/channels/web/revision").asLong()).isEqualTo(7);
    assertThat(item.at("/channels/web/depth").asInt()).isEqualTo(4);
    assertThat(item.at("/channels/hall/published").asBoolean()).isTrue();
    JsonNode catalog = minute(T0).get("catalog");
    assertThat(catalog.get("items").asLong()).isEqualTo(1);
    assertThat(catalog.get("itemsMultiChannel").asLong()).isEqualTo(1);
    assertThat(catalog.at("/depth/4").asLong()).isEqualTo(1);
    assertThat(minute(T0).at("/scores/doable").asDouble()).isEqualTo(50.0);
  }

  @Test
  void showsAWithdrawalFromTheMinuteItHappensIn() throws Exception {
    Guide other = TestEvents.completeGuide();
    other.fee = "12";
    send(
        published("A", Channel.WEB, T0, null, 4, TestEvents.completeGuide()),
        published("A", Channel.APP, T0, null, 2, other),
        withdrawn("A", Channel.APP, T0 + MINUTE + SECOND, null));
    passMinuteStartingAt(T0 + MINUTE);
    assertThat(minute(T0).at("/catalog/itemsInconsistent").asLong()).isEqualTo(1);
    assertThat(minute(T0).at("/scores/usable").asDouble()).isEqualTo(50.0);
    assertThat(minute(T0 + MINUTE).at("/catalog/itemsInconsistent").asLong()).isZero();
    assertThat(minute(T0 + MINUTE).at("/catalog/itemsMultiChannel").asLong()).isZero();
    assertThat(minute(T0 + MINUTE).at("/scores/usable").asDouble()).isEqualTo(100.0);
    JsonNode last = items().get(items().size() - 1);
    assertThat(last.get("consistent").asBoolean()).isTrue();
    assertThat(last.at("/channels/app/published").asBoolean()).isFalse();
  }

  @Test
  void aCatalogEventAheadOfTheWatermarkWaitsForItsTime() throws Exception {
    watermark(T0 - 1);
    // Arrives first, but happens in the second minute.
    send(published("A", Channel.WEB, T0 + MINUTE + 10 * SECOND, null));
    send(access(Channel.WEB, T0 + 5 * SECOND, true, null));
    passMinuteStartingAt(T0);
    assertThat(minute(T0).at("/catalog/items").asLong()).isZero();
    assertThat(items()).isEmpty();
    watermark(T0 + MINUTE + 10 * SECOND);
    assertThat(items()).hasSize(1);
    passMinuteStartingAt(T0 + MINUTE);
    assertThat(minute(T0 + MINUTE).at("/catalog/items").asLong()).isEqualTo(1);
    RegionIndicatorFunction function =
        (RegionIndicatorFunction) ((AbstractUdfStreamOperator<?, ?>) harness.getOperator()).getUserFunction();
    assertThat(function.heldChanges()).isZero();
  }

  @Test
  void aCatalogEventBehindTheWatermarkIsNeverLate() throws Exception {
    send(access(Channel.WEB, T0, true, null));
    passMinuteStartingAt(T0);
    send(published("A", Channel.WEB, T0 + SECOND, null));
    // Applied at once; the written minute is not written again; the next one shows it.
    assertThat(items()).hasSize(1);
    passMinuteStartingAt(T0 + MINUTE);
    assertThat(minutes()).hasSize(2);
    assertThat(minute(T0).at("/catalog/items").asLong()).isZero();
    assertThat(minute(T0 + MINUTE).at("/catalog/items").asLong()).isEqualTo(1);
  }

  @Test
  void aRegionWhoseFirstEventIsALateCatalogEventStartsAtTheWatermark() throws Exception {
    watermark(T0 + 5 * MINUTE + 30 * SECOND);
    send(published("A", Channel.WEB, T0, null));
    passMinuteStartingAt(T0 + 5 * MINUTE);
    assertThat(minutes()).hasSize(1);
    assertThat(minute(T0 + 5 * MINUTE).at("/catalog/items").asLong()).isEqualTo(1);
  }

  @Test
  void dropsActivityEventsWhoseMinuteWasAlreadyWritten() throws Exception {
    send(access(Channel.WEB, T0 + MINUTE, true, null));
    passMinuteStartingAt(T0 + MINUTE);
    send(access(Channel.WEB, T0 + 30 * SECOND, false, null), access(Channel.WEB, T0 + MINUTE, false, null));
    passMinuteStartingAt(T0 + 2 * MINUTE);
    assertThat(minutes()).hasSize(2);
    assertThat(minute(T0 + MINUTE).at("/access/web/samples").asLong()).isEqualTo(1);
    assertThat(minute(T0 + 2 * MINUTE).at("/access/web/samples").asLong()).isZero();
  }

  @Test
  void countsIncidentsOpenAtTheMinuteEnd() throws Exception {
    watermark(T0 - 1);
    send(access(Channel.WEB, T0, false, null));
    Incident webDown = incident(IncidentKind.SERVICE_UNAVAILABLE, Channel.WEB, T0, null);
    Incident appSilent = incident(IncidentKind.CHANNEL_SILENT, Channel.APP, T0, null);
    // Known at T0 + 30 s and T0 + 70 s respectively.
    send(webDown, T0 + 30 * SECOND);
    send(appSilent, T0 + 70 * SECOND);
    Incident webBack = incident(IncidentKind.SERVICE_UNAVAILABLE, Channel.WEB, T0, T0 + 2 * MINUTE);
    send(webBack, T0 + 2 * MINUTE + SECOND);
    passMinuteStartingAt(T0 + 2 * MINUTE);
    assertThat(minute(T0).at("/incidents/open/service_unavailable").asLong()).isEqualTo(1);
    assertThat(minute(T0).at("/incidents/open/channel_silent").asLong()).isZero();
    assertThat(minute(T0 + MINUTE).at("/incidents/open/channel_silent").asLong()).isEqualTo(1);
    assertThat(minute(T0 + 2 * MINUTE).at("/incidents/open/service_unavailable").asLong()).isZero();
    List<RegionSnapshot> snapshots =
        harness.getSideOutput(RegionIndicatorFunction.REGION_SNAPSHOTS).stream().map(StreamRecord::getValue).toList();
    assertThat(snapshots).hasSize(3);
    assertThat(snapshots.get(1).openIncidentIds).containsExactly(appSilent.id(), webDown.id());
    assertThat(snapshots.get(2).openIncidentIds).containsExactly(appSilent.id());
  }

  @Test
  void anIncidentChangeWithoutTimestampAppliesAtOnce() throws Exception {
    send(access(Channel.WEB, T0, false, null));
    harness.processElement2(new StreamRecord<>(MinuteOrIncident.of(incident(IncidentKind.SERVICE_UNAVAILABLE, Channel.WEB, T0, null))));
    passMinuteStartingAt(T0);
    assertThat(minute(T0).at("/incidents/open/service_unavailable").asLong()).isEqualTo(1);
  }

  @Test
  void aMinuteStillOpenAtACheckpointKeepsItsEventsAfterARestore() throws Exception {
    send(access(Channel.WEB, T0 + SECOND, true, 80L), access(Channel.WEB, T0 + 2 * SECOND, false, 90L));
    OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
    harness.close();
    harness = newHarness();
    harness.initializeState(checkpoint);
    harness.open();
    send(access(Channel.WEB, T0 + 3 * SECOND, true, 100L));
    passMinuteStartingAt(T0);

    assertThat(minute(T0).at("/access/web/samples").asLong()).isEqualTo(3);
    assertThat(minute(T0).at("/access/web/p95LatencyMs").asLong()).isEqualTo(100);
  }

  @Test
  void resumesFromACheckpointAsIfItHadNeverStopped() throws Exception {
    ChannelEvent[] beforeCheckpoint = {
      published("A", Channel.WEB, T0 + SECOND, 3L),
      published("A", Channel.HALL, T0 + 2 * MINUTE, 1L),
      submitted("C1", "applicant-1", "ITEM", Channel.APP, T0 + 2 * SECOND),
      visit("applicant-1", "ITEM", VisitPurpose.SUBMIT, null, T0 + 3 * SECOND),
      access(Channel.WEB, T0 + 4 * SECOND, true, 80L)
    };
    ChannelEvent[] afterCheckpoint = {
      status("C1", CaseStatus.COMPLETED, Channel.APP, T0 + MINUTE + SECOND), access(Channel.APP, T0 + MINUTE, false, 5L)
    };
    Incident silent = incident(IncidentKind.CHANNEL_SILENT, Channel.WECHAT, T0, null);

    send(beforeCheckpoint);
    send(silent, T0 + 90 * SECOND);
    passMinuteStartingAt(T0);
    send(afterCheckpoint);
    passMinuteStartingAt(T0 + 2 * MINUTE);
    List<String> uninterrupted = harness.extractOutputValues().stream().map(EsDocument::sourceAsString).toList();

    harness.close();
    harness = newHarness();
    harness.open();
    send(beforeCheckpoint);
    send(silent, T0 + 90 * SECOND);
    passMinuteStartingAt(T0);
    List<String> resumed = new ArrayList<>(harness.extractOutputValues().stream().map(EsDocument::sourceAsString).toList());
    OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
    harness.close();
    harness = newHarness();
    harness.initializeState(checkpoint);
    harness.open();
    send(afterCheckpoint);
    passMinuteStartingAt(T0 + 2 * MINUTE);
    harness.extractOutputValues().stream().map(EsDocument::sourceAsString).forEach(resumed::add);

    assertThat(resumed).isEqualTo(uninterrupted);
    assertThat(uninterrupted).anyMatch(doc -> doc.contains("\"completedOnline\":1,\"completedOnlineZeroVisit\":0"));
  }

  @Test
  void stateNeverFallsBackToKryo() {
    SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
    noGenericTypes.setGenericTypes(false);
    for (Class<?> type :
        List.of(
            RegionProgress.class, RegionMinute.class, CatalogItem.class, CatalogFigures.class,
            ChannelAvailability.class, CaseRecord.class, PendingChange.class, RegionSnapshot.class)) {
      // Throws for any field that would need Kryo.
      TypeInformation.of(type).createSerializer(noGenericTypes);
    }
  }
}
