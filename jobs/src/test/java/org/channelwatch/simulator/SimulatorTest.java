package org.channelwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Region;
import org.channelwatch.domain.Regions;
import org.junit.jupiter.api.Test;

/** What the simulator produces: coverage, rates, the national picture, and each injected fault. */
class SimulatorTest {

  private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
  private static final long SEED = 7L;
  private static final SimulatorProfile QUIET = SimulatorProfile.defaults().withoutFaults();
  /** Probes alone give every channel 12 samples a minute, so fault tests need little traffic. */
  private static final SimulatorProfile SPARSE = QUIET.withEventsPerSecond(30);

  @Test
  void sameSeedGivesTheSameEventsHoweverTimeIsSliced() {
    EventSimulator inOneGo = new EventSimulator(SimulatorProfile.defaults(), SEED, START);
    List<SimulatedEvent> expected = inOneGo.next(START.plus(Duration.ofMinutes(4)));

    EventSimulator inSlices = new EventSimulator(SimulatorProfile.defaults(), SEED, START);
    List<SimulatedEvent> actual = new ArrayList<>();
    Instant t = START;
    while (t.isBefore(START.plus(Duration.ofMinutes(4)))) {
      t = t.plusMillis(737);
      actual.addAll(inSlices.next(t.isAfter(START.plus(Duration.ofMinutes(4))) ? START.plus(Duration.ofMinutes(4)) : t));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(inSlices.injectedFaults()).isEqualTo(inOneGo.injectedFaults());

    List<SimulatedEvent> otherSeed =
        new EventSimulator(SimulatorProfile.defaults(), SEED + 1, START)
            .next(START.plus(Duration.ofMinutes(4)));
    assertThat(otherSeed).isNotEqualTo(expected);
  }

  @Test
  void eventsComeInTimeOrderAndOnlyBeforeTheRequestedTime() {
    EventSimulator simulator = new EventSimulator(QUIET, SEED, START);
    Instant until = START.plusSeconds(90).plusMillis(50);
    List<ParsedEvent> events = ParsedEvent.all(simulator.next(until));
    assertThat(events).isSortedAccordingTo((a, b) -> a.time().compareTo(b.time()));
    assertThat(events).allSatisfy(e -> assertThat(e.time()).isBefore(until));
    assertThat(simulator.position()).isEqualTo(START.plusSeconds(90));
  }

  @Test
  void everyRegionAndChannelSpeaksExceptThePlatformlessRegionsOnlineChannels() {
    EventSimulator simulator = new EventSimulator(QUIET, SEED, START);
    List<ParsedEvent> events = ParsedEvent.all(simulator.next(START.plus(Duration.ofMinutes(3))));
    Set<String> regionChannels =
        events.stream().map(e -> e.region() + "/" + e.channel()).collect(Collectors.toSet());
    List<String> platformless = simulator.regionsWithoutPlatform();
    assertThat(platformless).hasSize(4);
    for (Region region : Regions.all()) {
      for (Channel channel : Channel.values()) {
        boolean expected = channel == Channel.HALL || !platformless.contains(region.code());
        assertThat(regionChannels.contains(region.code() + "/" + channel))
            .as(region.code() + "/" + channel)
            .isEqualTo(expected);
      }
    }
    assertThat(events.stream().map(ParsedEvent::type).collect(Collectors.toSet()))
        .contains(
            "gov.catalog.item.published", "gov.service.access", "gov.case.submitted",
            "gov.case.status", "gov.hall.visit", "gov.service.rating");
  }

  @Test
  void everyChannelHasAtLeastSixAccessEventsEveryMinuteEvenAtALowRate() {
    for (double rate : new double[] {300, 40}) {
      EventSimulator simulator = new EventSimulator(QUIET.withEventsPerSecond(rate), SEED, START);
      List<ParsedEvent> events = ParsedEvent.all(simulator.next(START.plus(Duration.ofMinutes(5))));
      Map<String, Integer> perWindow = new HashMap<>();
      for (ParsedEvent e : events) {
        if (e.is("service.access")) {
          perWindow.merge(e.region() + "/" + e.channel() + "/" + e.minute(), 1, Integer::sum);
        }
      }
      long firstMinute = START.toEpochMilli() / 60_000;
      for (Region region : Regions.all()) {
        for (Channel channel : Channel.values()) {
          if (channel.isOnline() && simulator.regionsWithoutPlatform().contains(region.code())) {
            continue;
          }
          for (long minute = firstMinute; minute < firstMinute + 5; minute++) {
            assertThat(perWindow.getOrDefault(region.code() + "/" + channel + "/" + minute, 0))
                .as("rate " + rate + ", " + region.code() + "/" + channel + " minute " + minute)
                .isGreaterThanOrEqualTo(6);
          }
        }
      }
    }
  }

  @Test
  void totalRateMeetsTheProfile() {
    for (double rate : new double[] {300, 1000}) {
      EventSimulator simulator = new EventSimulator(QUIET.withEventsPerSecond(rate), SEED, START);
      simulator.next(START.plus(Duration.ofMinutes(5))); // catalog roll-out and the first cases
      int count = simulator.next(START.plus(Duration.ofMinutes(15))).size();
      assertThat(count / 600.0).as("events/s at " + rate).isBetween(rate * 0.85, rate * 1.15);
    }
  }

  @Test
  void catalogEchoesTheNationalPicture() {
    EventSimulator simulator = new EventSimulator(QUIET, SEED, START);
    List<ParsedEvent> publications =
        ParsedEvent.all(simulator.next(START.plus(Duration.ofMinutes(1)))).stream()
            .filter(e -> e.is("catalog.item.published"))
            .toList();
    Map<String, Set<String>> itemsByRegion = new TreeMap<>();
    Map<String, Map<String, Integer>> bestOnlineDepth = new TreeMap<>();
    Set<String> regionsWithPayment = new HashSet<>();
    double completenessSum = 0;
    int onlinePublications = 0;
    for (ParsedEvent e : publications) {
      String item = e.text("itemCode");
      assertThat(item).startsWith(e.region() + "-");
      itemsByRegion.computeIfAbsent(e.region(), r -> new HashSet<>()).add(item);
      if (!e.channel().equals("hall")) {
        bestOnlineDepth
            .computeIfAbsent(e.region(), r -> new HashMap<>())
            .merge(item, e.data().get("depth").asInt(), Math::max);
        if (e.data().path("features").path("onlinePayment").asBoolean(false)) {
          regionsWithPayment.add(e.region());
        }
        completenessSum += completeness(e.data().get("guide"));
        onlinePublications++;
      }
    }
    assertThat(itemsByRegion).hasSize(32);
    assertThat(itemsByRegion.values()).allSatisfy(items -> assertThat(items).hasSizeBetween(20, 60));
    assertThat(bestOnlineDepth.keySet()).hasSize(28).doesNotContainAnyElementsOf(simulator.regionsWithoutPlatform());
    long regionsMostlyAtDepth4 =
        bestOnlineDepth.values().stream()
            .filter(depths -> depths.values().stream().filter(d -> d == 4).count() * 2 > depths.size())
            .count();
    assertThat(regionsMostlyAtDepth4).isEqualTo(23);
    assertThat(regionsWithPayment).hasSize(3);
    assertThat(completenessSum / onlinePublications).isBetween(0.8, 0.99);
  }

  @Test
  void anOutageGivesBadWindowsThenGoodOnes() {
    EventSimulator simulator = new EventSimulator(SPARSE, SEED, START);
    String region = "330000";
    Instant outageStart = START.plus(Duration.ofMinutes(5));
    simulator.injectOutage(region, Channel.WEB, outageStart, Duration.ofMinutes(3));
    List<ParsedEvent> events = ParsedEvent.all(simulator.next(START.plus(Duration.ofMinutes(10))));
    Map<Long, int[]> samplesAndOk = new TreeMap<>();
    for (ParsedEvent e : events) {
      if (e.is("service.access") && e.region().equals(region) && e.channel().equals("web")) {
        int[] window = samplesAndOk.computeIfAbsent(e.minute(), m -> new int[2]);
        window[0]++;
        if ("ok".equals(e.text("outcome"))) {
          window[1]++;
        }
      }
    }
    long first = outageStart.toEpochMilli() / 60_000;
    for (long minute = first; minute < first + 3; minute++) {
      int[] window = samplesAndOk.get(minute);
      assertThat(window[0]).as("samples in outage minute").isGreaterThanOrEqualTo(5);
      assertThat(window[1] / (double) window[0]).as("okRatio in outage minute").isLessThan(0.5);
    }
    for (long minute = first + 3; minute < first + 5; minute++) {
      int[] window = samplesAndOk.get(minute);
      assertThat(window[1] / (double) window[0]).as("okRatio after the outage").isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void anItemOutageGivesEnoughFailingSamplesOfThatItem() {
    EventSimulator simulator = new EventSimulator(SPARSE, SEED, START);
    Instant start = START.plus(Duration.ofMinutes(2));
    InjectedFault fault = simulator.injectItemOutage("440000", Channel.APP, start, Duration.ofMinutes(3));
    List<ParsedEvent> events = ParsedEvent.all(simulator.next(START.plus(Duration.ofMinutes(6))));
    Map<Long, int[]> samplesAndOk = new TreeMap<>();
    for (ParsedEvent e : events) {
      if (e.is("service.access") && e.region().equals("440000") && e.channel().equals("app")
          && fault.itemCode().equals(e.text("itemCode"))) {
        int[] window = samplesAndOk.computeIfAbsent(e.minute(), m -> new int[2]);
        window[0]++;
        window[1] += "ok".equals(e.text("outcome")) ? 1 : 0;
      }
    }
    long first = start.toEpochMilli() / 60_000;
    for (long minute = first; minute < first + 3; minute++) {
      assertThat(samplesAndOk.get(minute)[0]).isGreaterThanOrEqualTo(3);
      assertThat(samplesAndOk.get(minute)[1] / (double) samplesAndOk.get(minute)[0]).isLessThan(0.5);
    }
  }

  @Test
  void aSilentChannelSendsNothingThenReportsItsBacklog() {
    EventSimulator simulator = new EventSimulator(SPARSE, SEED, START);
    String region = platformRegion(simulator);
    Instant from = START.plus(Duration.ofMinutes(2));
    Instant to = from.plus(Duration.ofMinutes(6));
    simulator.injectChannelSilence(region, Channel.WEB, from, Duration.ofMinutes(6));
    List<ParsedEvent> web =
        ParsedEvent.all(simulator.next(START.plus(Duration.ofMinutes(10)))).stream()
            .filter(e -> e.region().equals(region) && e.channel().equals("web"))
            .toList();
    assertThat(web).noneMatch(e -> !e.time().isBefore(from) && e.time().isBefore(to));
    assertThat(web).anyMatch(e -> e.time().isBefore(from));
    assertThat(web).anyMatch(e -> !e.time().isBefore(to));
  }

  @Test
  void anInconsistentPublicationDiffersForOverTenMinutesThenIsFixed() {
    EventSimulator simulator = new EventSimulator(SPARSE, SEED, START);
    Instant start = START.plus(Duration.ofMinutes(1));
    InjectedFault fault =
        simulator.injectInconsistentPublication("320000", start, Duration.ofMinutes(12));
    List<ParsedEvent> publications =
        ParsedEvent.all(simulator.next(START.plus(Duration.ofMinutes(14)))).stream()
            .filter(e -> e.is("catalog.item.published") && e.region().equals("320000")
                && fault.itemCode().equals(e.text("itemCode")))
            .toList();
    ParsedEvent wrong = only(publications, fault.channel().wireName(), fault.start());
    ParsedEvent fixed = only(publications, fault.channel().wireName(), fault.end());
    List<ParsedEvent> others =
        publications.stream()
            .filter(e -> !e.channel().equals(fault.channel().wireName()))
            .filter(e -> e.time().isBefore(fault.start()))
            .toList();
    assertThat(Duration.between(fault.start(), fault.end())).isGreaterThan(Duration.ofMinutes(10));
    assertThat(others).isNotEmpty().anyMatch(other -> disagree(wrong, other));
    assertThat(others).noneMatch(other -> disagree(fixed, other));
    assertThat(fixed.data().get("revision").asLong()).isGreaterThan(wrong.data().get("revision").asLong());
  }

  @Test
  void anOfflineResubmissionIsAHallCaseWhileTheOnlineOneIsOpen() {
    EventSimulator simulator = new EventSimulator(SPARSE, SEED, START);
    String region = simulator.regionsHandlingOnline().get(0);
    InjectedFault fault = simulator.injectOfflineResubmission(region, START.plus(Duration.ofMinutes(1)));
    List<ParsedEvent> events = ParsedEvent.all(simulator.next(START.plus(Duration.ofMinutes(45))));
    String onlineCase = fault.caseIds().get(0);
    String hallCase = fault.caseIds().get(1);
    ParsedEvent online = submission(events, onlineCase);
    ParsedEvent hall = submission(events, hallCase);
    assertThat(online.channel()).isNotEqualTo("hall");
    assertThat(hall.channel()).isEqualTo("hall");
    assertThat(hall.text("applicantId")).isEqualTo(online.text("applicantId"));
    assertThat(hall.text("itemCode")).isEqualTo(online.text("itemCode"));
    assertThat(hall.time()).isEqualTo(fault.start());
    Instant onlineTerminal = firstTerminal(events, onlineCase);
    Instant hallTerminal = firstTerminal(events, hallCase);
    assertThat(onlineTerminal).isAfter(hall.time());
    assertThat(hallTerminal).isEqualTo(fault.end()).isBefore(onlineTerminal);
  }

  @Test
  void aStatusNotSyncedIsAHallCompletionTheOnlineChannelReportsOnlyMuchLater() {
    EventSimulator simulator = new EventSimulator(SPARSE, SEED, START);
    String region = simulator.regionsHandlingOnline().get(0);
    InjectedFault late =
        simulator.injectStatusNotSynced(region, START.plus(Duration.ofMinutes(1)), Duration.ofMinutes(75));
    InjectedFault never = simulator.injectStatusNotSynced(region, START.plus(Duration.ofMinutes(2)), null);
    List<ParsedEvent> events = ParsedEvent.all(simulator.next(START.plus(Duration.ofMinutes(100))));
    for (InjectedFault fault : List.of(late, never)) {
      String caseId = fault.caseIds().get(0);
      ParsedEvent submitted = submission(events, caseId);
      List<ParsedEvent> terminal =
          events.stream()
              .filter(e -> e.is("case.status") && caseId.equals(e.text("caseId")))
              .filter(e -> !e.text("status").equals("accepted"))
              .toList();
      assertThat(terminal.get(0).channel()).isEqualTo("hall");
      assertThat(terminal.get(0).time()).isEqualTo(fault.start());
      List<ParsedEvent> bySubmitter =
          terminal.stream().filter(e -> e.channel().equals(submitted.channel())).toList();
      if (fault.end() == null) {
        assertThat(bySubmitter).isEmpty();
      } else {
        assertThat(bySubmitter).singleElement().satisfies(
            e -> assertThat(e.time()).isAfter(fault.start().plus(Duration.ofMinutes(60))));
      }
    }
  }

  @Test
  void automaticFaultsComeEveryFewMinutesAndOfSeveralKinds() {
    EventSimulator simulator =
        new EventSimulator(SimulatorProfile.defaults().withEventsPerSecond(30), SEED, START);
    simulator.next(START.plus(Duration.ofHours(3)));
    List<InjectedFault> faults = simulator.injectedFaults();
    // One every 3 minutes on average: about 60 in 3 hours.
    assertThat(faults).hasSizeBetween(40, 80);
    assertThat(faults.stream().map(InjectedFault::kind).collect(Collectors.toSet()))
        .hasSizeGreaterThanOrEqualTo(5);
    assertThat(faults).allSatisfy(f -> assertThat(f.start()).isAfterOrEqualTo(START.plusSeconds(90)));
  }

  @Test
  void faultsCannotBeInjectedIntoThePastOrBeforeTheCatalogIsOut() {
    EventSimulator simulator = new EventSimulator(QUIET, SEED, START);
    simulator.next(START.plus(Duration.ofMinutes(1)));
    assertThatThrownBy(() -> simulator.injectOutage("110000", Channel.WEB, START, Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class);
    EventSimulator fresh = new EventSimulator(QUIET, SEED, START);
    assertThatThrownBy(
            () -> fresh.injectInconsistentPublication("110000", START.plusSeconds(5), Duration.ofMinutes(12)))
        .isInstanceOf(IllegalArgumentException.class);
    String platformless = fresh.regionsWithoutPlatform().get(0);
    assertThatThrownBy(() -> fresh.injectOutage(platformless, Channel.APP, START, Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static String platformRegion(EventSimulator simulator) {
    return Regions.all().stream()
        .map(Region::code)
        .filter(code -> !simulator.regionsWithoutPlatform().contains(code))
        .findFirst()
        .orElseThrow();
  }

  private static ParsedEvent only(List<ParsedEvent> events, String channel, Instant time) {
    return events.stream()
        .filter(e -> e.channel().equals(channel) && e.time().equals(time))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no publication on " + channel + " at " + time));
  }

  private static ParsedEvent submission(List<ParsedEvent> events, String caseId) {
    return events.stream()
        .filter(e -> e.is("case.submitted") && caseId.equals(e.text("caseId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("case " + caseId + " was never submitted"));
  }

  private static Instant firstTerminal(List<ParsedEvent> events, String caseId) {
    return events.stream()
        .filter(e -> e.is("case.status") && caseId.equals(e.text("caseId")))
        .filter(e -> Set.of("completed", "rejected", "withdrawn").contains(e.text("status")))
        .map(ParsedEvent::time)
        .findFirst()
        .orElseThrow(() -> new AssertionError("case " + caseId + " never ended"));
  }

  /** Whether the fee or time limit, where both show it, differ as contract 1.3 compares them. */
  private static boolean disagree(ParsedEvent a, ParsedEvent b) {
    JsonNode guideA = a.data().get("guide");
    JsonNode guideB = b.data().get("guide");
    String feeA = guideA.path("fee").asText("").trim();
    String feeB = guideB.path("fee").asText("").trim();
    if (!feeA.isEmpty() && !feeB.isEmpty()
        && new BigDecimal(feeA).compareTo(new BigDecimal(feeB)) != 0) {
      return true;
    }
    JsonNode daysA = guideA.get("timeLimitDays");
    JsonNode daysB = guideB.get("timeLimitDays");
    return daysA != null && daysA.isInt() && daysB != null && daysB.isInt()
        && daysA.asInt() != daysB.asInt();
  }

  private static double completeness(JsonNode guide) {
    int present = 0;
    for (String key :
        List.of("department", "scope", "conditions", "materials", "procedure", "timeLimitDays",
            "fee", "legalBasis", "location", "hours", "contactPhone", "complaintPhone")) {
      JsonNode value = guide.get(key);
      if (value == null || value.isNull()) {
        continue;
      }
      if (value.isArray() ? value.size() > 0 : !value.asText().isBlank()) {
        present++;
      }
    }
    return present / 12.0;
  }
}
