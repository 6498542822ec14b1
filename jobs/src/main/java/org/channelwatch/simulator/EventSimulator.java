package org.channelwatch.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Region;
import org.channelwatch.domain.Regions;
import org.channelwatch.domain.VisitPurpose;
import org.channelwatch.simulator.SimulatedRegion.Item;
import org.channelwatch.simulator.SimulatedRegion.Listing;

/**
 * A deterministic source of contract events (CloudEvents JSON, contract section 1) for every region
 * and channel, with injected faults that make the contract's incidents appear.
 *
 * <p>Nothing here reads the wall clock: the caller says how far event time has advanced with
 * {@link #next(Instant)}. The same profile, seed and start time always yield the same events,
 * however event time is sliced between calls, because events are made in fixed 100 ms ticks. Not
 * thread-safe.
 */
public final class EventSimulator {

  /** Events are made per tick of event time, so slicing time differently changes nothing. */
  static final long TICK_MILLIS = 100;

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIME_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.ofHours(8));

  // What one arrival of real traffic is, and how many events it makes on average with the follow-ups
  // of its case (statuses, visits, ratings); calibrated so the total rate meets the profile's.
  private static final double ACCESS_SHARE = 0.78;
  private static final double SUBMISSION_SHARE = 0.04;
  private static final double CONSULT_SHARE = 0.02;
  private static final double EVENTS_PER_ARRIVAL = 0.975;

  private static final double OUTAGE_OK_PROBABILITY = 0.1;
  private static final double ONLINE_SUBMISSION_SHARE = 0.75;
  private static final Duration ITEM_PROBE_INTERVAL = Duration.ofSeconds(10);
  private static final Duration MIN_SILENCE = Duration.ofMinutes(6);
  private static final Duration MAX_SILENCE = Duration.ofMinutes(9);
  /** Contract 3: a hall report not matched by the submitting channel within this is not synced. */
  private static final Duration SYNC_GRACE = Duration.ofMinutes(60);

  private static final Comparator<Pending> EMISSION_ORDER =
      Comparator.comparingLong(Pending::timeMillis).thenComparingLong(Pending::sequence);

  private final SimulatorProfile profile;
  private final Random random;
  private final long startMillis;
  private final long catalogReadyMillis;
  private final String runTag;
  private final List<SimulatedRegion> regions;
  private final double[] regionCumulativeWeight;
  private final List<ProbeStream> probes = new ArrayList<>();
  private final double arrivalsPerSecond;
  private final PriorityQueue<Pending> pending = new PriorityQueue<>(EMISSION_ORDER);
  private final List<FaultWindow> faultWindows = new ArrayList<>();
  private final List<InjectedFault> injectedFaults = new ArrayList<>();
  private long tickStartMillis;
  private long nextFaultAtMillis;
  private long sequence;
  private long emittedCount;
  private long caseCount;

  /**
   * Plans every region's platform and catalog from the seed and schedules the catalog's first
   * publication.
   *
   * @param start the event time of the first event, such as now for a live demo
   */
  public EventSimulator(SimulatorProfile profile, long seed, Instant start) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.random = new Random(seed);
    this.startMillis = start.toEpochMilli();
    this.tickStartMillis = startMillis;
    this.catalogReadyMillis = startMillis + profile.catalogRollout().toMillis();
    // Ids and case ids must not repeat across runs, or the job would drop a new run's events as
    // duplicates of an old one's; the same seed and start still give the same ids.
    this.runTag = String.format("%08x", (int) mix(seed * 31 + startMillis));
    this.regions = planRegions();
    this.regionCumulativeWeight = cumulativeWeights();
    for (SimulatedRegion region : regions) {
      for (Channel channel : region.channels) {
        probes.add(
            new ProbeStream(
                region, channel, startMillis + randomMillis(profile.probeInterval().toMillis())));
      }
    }
    double probeRate = probes.size() * 1000.0 / profile.probeInterval().toMillis();
    double catalogRate =
        regions.size() * 1000.0 / profile.republishInterval().toMillis() * 2.5
            + regions.size() * 2000.0 / profile.withdrawalInterval().toMillis();
    this.arrivalsPerSecond =
        Math.max(0, profile.eventsPerSecond() - probeRate - catalogRate) / EVENTS_PER_ARRIVAL;
    this.nextFaultAtMillis =
        profile.injectsFaults()
            ? startMillis + profile.firstFaultAfter().toMillis()
            : Long.MAX_VALUE;
    scheduleCatalogRollout();
  }

  public SimulatorProfile profile() {
    return profile;
  }

  /** The event time of the first event. */
  public Instant start() {
    return Instant.ofEpochMilli(startMillis);
  }

  /** Every event before this time has been returned by {@link #next(Instant)}. */
  public Instant position() {
    return Instant.ofEpochMilli(tickStartMillis);
  }

  /** When every region has published its catalog; catalog faults cannot start before. */
  public Instant catalogReady() {
    return Instant.ofEpochMilli(catalogReadyMillis);
  }

  /** How many events {@link #next(Instant)} has returned so far. */
  public long emittedCount() {
    return emittedCount;
  }

  /** The regions without an online platform, whose web, app and WeChat send nothing. */
  public List<String> regionsWithoutPlatform() {
    return regions.stream().filter(r -> !r.hasPlatform).map(SimulatedRegion::code).toList();
  }

  /** The regions that handle most of their items online (depth 4), where cases go online. */
  public List<String> regionsHandlingOnline() {
    return regions.stream().filter(r -> r.handlesOnline).map(SimulatedRegion::code).toList();
  }

  /** The faults injected so far, automatic and by hand, in the order they were planned. */
  public List<InjectedFault> injectedFaults() {
    return List.copyOf(injectedFaults);
  }

  /**
   * Returns the events of every whole 100 ms tick that ends at or before {@code eventTime}, in
   * time order; the rest of a partial tick comes with a later call.
   */
  public List<SimulatedEvent> next(Instant eventTime) {
    long until = eventTime.toEpochMilli();
    List<SimulatedEvent> events = new ArrayList<>();
    while (tickStartMillis + TICK_MILLIS <= until) {
      long tickEnd = tickStartMillis + TICK_MILLIS;
      generateTick(tickStartMillis, tickEnd);
      emitDue(tickEnd, events);
      tickStartMillis = tickEnd;
      faultWindows.removeIf(window -> window.endMillis < tickStartMillis);
    }
    return events;
  }

  // ---- injected faults -------------------------------------------------------------------------

  /** Makes one region's channel mostly fail ({@code error}, {@code timeout}) for a while. */
  public InjectedFault injectOutage(
      String regionCode, Channel channel, Instant start, Duration length) {
    SimulatedRegion region = offering(regionCode, channel);
    long from = notInThePast(start);
    FaultWindow window =
        new FaultWindow(FaultKind.OUTAGE, region.code(), channel, null, from, from + length.toMillis());
    faultWindows.add(window);
    return record(window.toFault());
  }

  /**
   * Makes one item on one channel mostly fail for a while, with synthetic probes of the item so
   * that each minute has enough samples for {@code item_unavailable}.
   */
  public InjectedFault injectItemOutage(
      String regionCode, Channel channel, Instant start, Duration length) {
    SimulatedRegion region = offering(regionCode, channel);
    long from = notInThePast(start);
    Item item = pickItem(region, from, i -> i.listings.containsKey(channel));
    if (item == null) {
      throw new IllegalStateException("No item of " + regionCode + " on " + channel + " is free now");
    }
    long to = from + length.toMillis();
    item.lockedUntil = to;
    FaultWindow window =
        new FaultWindow(FaultKind.ITEM_OUTAGE, region.code(), channel, item.code, from, to);
    faultWindows.add(window);
    for (long t = from; t < to; t += ITEM_PROBE_INTERVAL.toMillis()) {
      access(t, region, channel, true, item);
    }
    return record(window.toFault());
  }

  /** Makes one region's channel send nothing at all for a while; its case reports come after. */
  public InjectedFault injectChannelSilence(
      String regionCode, Channel channel, Instant start, Duration length) {
    SimulatedRegion region = offering(regionCode, channel);
    long from = notInThePast(start);
    FaultWindow window =
        new FaultWindow(
            FaultKind.CHANNEL_SILENCE, region.code(), channel, null, from, from + length.toMillis());
    faultWindows.add(window);
    return record(window.toFault());
  }

  /**
   * Makes an online channel re-publish an item with a different fee or time limit than its other
   * channels, and publish it correctly again after {@code length}.
   */
  public InjectedFault injectInconsistentPublication(
      String regionCode, Instant start, Duration length) {
    SimulatedRegion region = region(regionCode);
    long from = notInThePast(start);
    if (from < catalogReadyMillis) {
      throw new IllegalArgumentException(
          "An inconsistent publication cannot start before the catalog is out at " + catalogReady());
    }
    long to = from + length.toMillis();
    Item item = pickItem(region, from, i -> inconsistencyTarget(i) != null);
    if (item == null) {
      throw new IllegalStateException("No item of " + regionCode + " is published on two channels");
    }
    Listing target = inconsistencyTarget(item);
    item.lockedUntil = to + 1;
    List<String> shared = sharedKeyFacts(item, target);
    ObjectNode wrongGuide = target.guide.deepCopy();
    if (shared.get(random.nextInt(shared.size())).equals("fee")) {
      wrongGuide.put("fee", differentFee(target.guide.get("fee").asText()));
    } else {
      wrongGuide.put("timeLimitDays", target.guide.get("timeLimitDays").asInt() + 5);
    }
    schedule(from, region, target.channel, EventType.CATALOG_ITEM_PUBLISHED, "catalog",
        publication(item, target, wrongGuide, from), null);
    schedule(to, region, target.channel, EventType.CATALOG_ITEM_PUBLISHED, "catalog",
        publication(item, target, target.guide, to), null);
    return record(
        new InjectedFault(
            FaultKind.INCONSISTENT_PUBLICATION, region.code(), target.channel, item.code, null,
            List.of(), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)));
  }

  /**
   * Makes an applicant submit an item online at {@code start}, then the same item at the hall
   * under another case id a few minutes later, while the online case is still open.
   */
  public InjectedFault injectOfflineResubmission(String regionCode, Instant start) {
    SimulatedRegion region = region(regionCode);
    long from = notInThePast(start);
    Item item =
        pickItem(
            region, from,
            i -> !i.plannedSubmissionChannels().isEmpty() && i.listings.containsKey(Channel.HALL));
    if (item == null) {
      throw new IllegalStateException(
          "No item of " + regionCode + " can be submitted both online and at the hall now");
    }
    List<Channel> online = item.plannedSubmissionChannels();
    Channel channel = online.get(random.nextInt(online.size()));
    String applicant = applicantId();
    String onlineCase = newCaseId(region, channel);
    submitted(from, region, channel, onlineCase, applicant, item);
    status(from + between(Duration.ofSeconds(30), Duration.ofMinutes(2)), region, channel,
        onlineCase, CaseStatus.ACCEPTED);
    long visitAt = from + between(Duration.ofMinutes(3), Duration.ofMinutes(8));
    String hallCase = newCaseId(region, Channel.HALL);
    visit(visitAt, region, applicant, item, VisitPurpose.SUBMIT, random.nextBoolean() ? hallCase : null);
    long hallSubmittedAt = visitAt + between(Duration.ofSeconds(5), Duration.ofSeconds(60));
    submitted(hallSubmittedAt, region, Channel.HALL, hallCase, applicant, item);
    status(hallSubmittedAt + between(Duration.ofSeconds(10), Duration.ofMinutes(2)), region,
        Channel.HALL, hallCase, CaseStatus.ACCEPTED);
    long hallCompletedAt =
        hallSubmittedAt + Duration.ofMinutes(2).toMillis()
            + between(profile.minCaseDuration(), profile.maxCaseDuration());
    status(hallCompletedAt, region, Channel.HALL, hallCase, CaseStatus.COMPLETED);
    // Once the hall has done it, the applicant withdraws the forgotten online application.
    status(hallCompletedAt + between(Duration.ofMinutes(1), Duration.ofMinutes(10)), region,
        channel, onlineCase, CaseStatus.WITHDRAWN);
    item.lockedUntil = Math.max(item.lockedUntil, hallCompletedAt);
    return record(
        new InjectedFault(
            FaultKind.OFFLINE_RESUBMISSION, region.code(), channel, item.code, applicant,
            List.of(onlineCase, hallCase), Instant.ofEpochMilli(hallSubmittedAt),
            Instant.ofEpochMilli(hallCompletedAt)));
  }

  /**
   * Makes the hall report an online case completed while the online channel reports it only
   * {@code onlineReportDelay} after the hall, or never when that is null.
   */
  public InjectedFault injectStatusNotSynced(
      String regionCode, Instant start, Duration onlineReportDelay) {
    SimulatedRegion region = region(regionCode);
    long from = notInThePast(start);
    Item item = pickItem(region, from, i -> !i.plannedSubmissionChannels().isEmpty());
    if (item == null) {
      throw new IllegalStateException("No item of " + regionCode + " can be submitted online now");
    }
    List<Channel> online = item.plannedSubmissionChannels();
    Channel channel = online.get(random.nextInt(online.size()));
    String applicant = applicantId();
    String caseId = newCaseId(region, channel);
    submitted(from, region, channel, caseId, applicant, item);
    status(from + between(Duration.ofSeconds(30), Duration.ofMinutes(2)), region, channel, caseId,
        CaseStatus.ACCEPTED);
    long hallReportAt = from + between(Duration.ofMinutes(3), Duration.ofMinutes(10));
    status(hallReportAt, region, Channel.HALL, caseId, CaseStatus.COMPLETED);
    Long onlineReportAt = null;
    if (onlineReportDelay != null) {
      onlineReportAt = hallReportAt + onlineReportDelay.toMillis();
      status(onlineReportAt, region, channel, caseId, CaseStatus.COMPLETED);
    }
    return record(
        new InjectedFault(
            FaultKind.STATUS_NOT_SYNCED, region.code(), channel, item.code, applicant,
            List.of(caseId), Instant.ofEpochMilli(hallReportAt),
            onlineReportAt == null ? null : Instant.ofEpochMilli(onlineReportAt)));
  }

  // ---- one tick --------------------------------------------------------------------------------

  private void generateTick(long from, long to) {
    while (nextFaultAtMillis < to) {
      injectRandomFault(Math.max(nextFaultAtMillis, from));
      nextFaultAtMillis += Math.max(TICK_MILLIS, exponentialMillis(profile.meanFaultInterval()));
    }
    for (ProbeStream probe : probes) {
      while (probe.nextAtMillis < to) {
        access(probe.nextAtMillis, probe.region, probe.channel, true, null);
        probe.nextAtMillis += profile.probeInterval().toMillis();
      }
    }
    int arrivals = poisson(arrivalsPerSecond * (to - from) / 1000.0);
    for (int i = 0; i < arrivals; i++) {
      arrival(from + random.nextInt((int) (to - from)));
    }
    long tickLength = to - from;
    int republications =
        poisson(regions.size() * (double) tickLength / profile.republishInterval().toMillis());
    for (int i = 0; i < republications; i++) {
      republish(from + random.nextInt((int) tickLength));
    }
    int withdrawals =
        poisson(regions.size() * (double) tickLength / profile.withdrawalInterval().toMillis());
    for (int i = 0; i < withdrawals; i++) {
      withdrawForAWhile(from + random.nextInt((int) tickLength));
    }
  }

  private void arrival(long t) {
    SimulatedRegion region = pickRegion();
    double u = random.nextDouble();
    if (u < ACCESS_SHARE) {
      access(t, region, region.pickChannel(random), false, null);
    } else if (u < ACCESS_SHARE + SUBMISSION_SHARE) {
      submission(t, region);
    } else if (u < ACCESS_SHARE + SUBMISSION_SHARE + CONSULT_SHARE) {
      Item item = region.randomItem(random);
      visit(t, region, applicantId(), item, VisitPurpose.CONSULT, null);
    } else {
      Channel channel = region.pickChannel(random);
      Item item = random.nextBoolean() ? region.randomLiveItem(channel, random) : null;
      rating(t, region, channel, item, null, !isDown(region, channel, t));
    }
  }

  private void access(long t, SimulatedRegion region, Channel channel, boolean synthetic, Item item) {
    if (item == null && !synthetic && random.nextDouble() < 0.65) {
      item = region.randomLiveItem(channel, random);
    }
    double okProbability = region.okProbability;
    if (isDown(region, channel, t)
        || (item != null && isItemDown(region, channel, item.code, t))) {
      okProbability = OUTAGE_OK_PROBABILITY;
    }
    ObjectNode data = JSON.objectNode();
    if (random.nextDouble() < okProbability) {
      data.put("outcome", AccessOutcome.OK.wireName());
      data.put("latencyMs", okLatencyMillis(channel));
    } else if (random.nextDouble() < 0.6) {
      data.put("outcome", AccessOutcome.ERROR.wireName());
      if (random.nextDouble() < 0.7) {
        data.put("latencyMs", 20 + random.nextInt(2000));
      }
    } else {
      data.put("outcome", AccessOutcome.TIMEOUT.wireName());
      data.put("latencyMs", timeoutMillis(channel));
    }
    if (item != null) {
      data.put("itemCode", item.code);
    }
    data.put("operation", operation(channel, synthetic, item));
    data.put("synthetic", synthetic);
    schedule(t, region, channel, EventType.SERVICE_ACCESS, synthetic ? "probe" : "portal", data, null);
  }

  private String operation(Channel channel, boolean synthetic, Item item) {
    if (synthetic) {
      return item == null ? "probe" : "view_guide";
    }
    if (item == null) {
      if (channel == Channel.HALL) {
        return random.nextDouble() < 0.6 ? "take_ticket" : "self_service";
      }
      double u = random.nextDouble();
      return u < 0.3 ? "login" : u < 0.6 ? "search" : "view_home";
    }
    Listing listing = item.listings.get(channel);
    int depth = listing == null ? 1 : listing.depth;
    double u = random.nextDouble();
    if (channel.isOnline() && depth == 4 && u < 0.15) {
      return "submit";
    }
    if (listing != null && listing.takesPayment() && u < 0.22) {
      return "pay";
    }
    if (channel.isOnline() && depth >= 3 && u < 0.30) {
      return "book";
    }
    return u < 0.45 ? "query_status" : "view_guide";
  }

  private int okLatencyMillis(Channel channel) {
    int median = switch (channel) {
      case HALL -> 90;
      case WEB -> 220;
      case APP -> 160;
      case WECHAT -> 260;
    };
    double latency = median * Math.exp(0.55 * random.nextGaussian());
    return (int) Math.max(5, Math.min(latency, 9000));
  }

  private static int timeoutMillis(Channel channel) {
    return switch (channel) {
      case HALL -> 8000;
      case WEB -> 15000;
      case APP -> 10000;
      case WECHAT -> 5000;
    };
  }

  // ---- cases -----------------------------------------------------------------------------------

  private void submission(long t, SimulatedRegion region) {
    Item item = region.randomItem(random);
    List<Channel> online = region.hasPlatform ? item.onlineSubmissionChannels() : List.of();
    Channel channel;
    if (!online.isEmpty() && (random.nextDouble() < ONLINE_SUBMISSION_SHARE || !item.isLiveOn(Channel.HALL))) {
      channel = online.get(random.nextInt(online.size()));
    } else if (item.isLiveOn(Channel.HALL)) {
      channel = Channel.HALL;
    } else {
      // Nowhere to apply for this item right now: the applicant only looks it up.
      access(t, region, region.pickChannel(random), false, null);
      return;
    }
    ordinaryCase(t, region, channel, applicantId(), item);
  }

  /** Schedules a whole ordinary case: submission, acceptance, maybe a supplement, an outcome. */
  private void ordinaryCase(
      long t, SimulatedRegion region, Channel channel, String applicant, Item item) {
    String caseId = newCaseId(region, channel);
    long submittedAt = t;
    if (channel == Channel.HALL) {
      visit(t, region, applicant, item, VisitPurpose.SUBMIT, random.nextDouble() < 0.7 ? caseId : null);
      submittedAt = t + between(Duration.ofSeconds(5), Duration.ofSeconds(90));
    }
    submitted(submittedAt, region, channel, caseId, applicant, item);
    long acceptedAt = submittedAt + between(Duration.ofSeconds(10), Duration.ofMinutes(3));
    status(acceptedAt, region, channel, caseId, CaseStatus.ACCEPTED);
    long finalAt = acceptedAt + between(profile.minCaseDuration(), profile.maxCaseDuration());
    if (random.nextDouble() < 0.1) {
      long requestedAt = acceptedAt + between(Duration.ofSeconds(30), Duration.ofMinutes(3));
      status(requestedAt, region, channel, caseId, CaseStatus.SUPPLEMENT_REQUESTED);
      long suppliedAt = requestedAt + between(Duration.ofMinutes(1), Duration.ofMinutes(3));
      if (channel == Channel.HALL || random.nextDouble() < 0.3) {
        // Without a case id the visit links to the applicant's open case for the item (contract 4.1).
        visit(suppliedAt, region, applicant, item, VisitPurpose.SUPPLEMENT,
            random.nextDouble() < 0.6 ? caseId : null);
      }
      finalAt = Math.max(finalAt, suppliedAt + between(Duration.ofMinutes(1), Duration.ofMinutes(5)));
    }
    double u = random.nextDouble();
    CaseStatus outcome =
        u < 0.88 ? CaseStatus.COMPLETED : u < 0.96 ? CaseStatus.REJECTED : CaseStatus.WITHDRAWN;
    if (channel.isOnline() && outcome == CaseStatus.COMPLETED && random.nextDouble() < 0.15) {
      // The hall finished it and reported first; the online system catches up within minutes.
      status(finalAt, region, Channel.HALL, caseId, outcome);
      status(finalAt + between(Duration.ofSeconds(30), Duration.ofMinutes(10)), region, channel,
          caseId, outcome);
    } else {
      status(finalAt, region, channel, caseId, outcome);
    }
    if (outcome == CaseStatus.COMPLETED && random.nextDouble() < 0.25) {
      visit(finalAt + between(Duration.ofMinutes(2), Duration.ofMinutes(30)), region, applicant,
          item, VisitPurpose.PICKUP, caseId);
    }
    if (random.nextDouble() < 0.4) {
      rating(finalAt + between(Duration.ofMinutes(1), Duration.ofMinutes(20)), region, channel,
          item, caseId, outcome == CaseStatus.COMPLETED);
    }
  }

  private void submitted(
      long t, SimulatedRegion region, Channel channel, String caseId, String applicant, Item item) {
    String itemCode = item.code;
    schedule(t, region, channel, EventType.CASE_SUBMITTED, "cases", () -> {
      ObjectNode data = JSON.objectNode();
      data.put("caseId", caseId);
      data.put("applicantId", applicant);
      data.put("itemCode", itemCode);
      return data;
    }, null);
  }

  private void status(long t, SimulatedRegion region, Channel channel, String caseId, CaseStatus status) {
    schedule(t, region, channel, EventType.CASE_STATUS, "cases", () -> {
      ObjectNode data = JSON.objectNode();
      data.put("caseId", caseId);
      data.put("status", status.wireName());
      return data;
    }, null);
  }

  private void visit(
      long t, SimulatedRegion region, String applicant, Item item, VisitPurpose purpose, String caseId) {
    String itemCode = item.code;
    schedule(t, region, Channel.HALL, EventType.HALL_VISIT, "queue", () -> {
      ObjectNode data = JSON.objectNode();
      data.put("applicantId", applicant);
      data.put("itemCode", itemCode);
      data.put("purpose", purpose.wireName());
      if (caseId != null) {
        data.put("caseId", caseId);
      }
      return data;
    }, null);
  }

  private void rating(
      long t, SimulatedRegion region, Channel channel, Item item, String caseId, boolean satisfied) {
    int score = satisfied ? satisfiedScore() : dissatisfiedScore();
    String itemCode = item == null ? null : item.code;
    schedule(t, region, channel, EventType.SERVICE_RATING, "rating", () -> {
      ObjectNode data = JSON.objectNode();
      data.put("score", score);
      if (itemCode != null) {
        data.put("itemCode", itemCode);
      }
      if (caseId != null) {
        data.put("caseId", caseId);
      }
      return data;
    }, null);
  }

  private int satisfiedScore() {
    double u = random.nextDouble();
    return u < 0.60 ? 5 : u < 0.82 ? 4 : u < 0.91 ? 3 : u < 0.96 ? 2 : 1;
  }

  private int dissatisfiedScore() {
    double u = random.nextDouble();
    return u < 0.30 ? 1 : u < 0.60 ? 2 : u < 0.80 ? 3 : u < 0.90 ? 4 : 5;
  }

  private String newCaseId(SimulatedRegion region, Channel channel) {
    char letter = switch (channel) {
      case HALL -> 'H';
      case WEB -> 'W';
      case APP -> 'A';
      case WECHAT -> 'X';
    };
    return region.code() + "-" + letter + "-" + runTag + "-" + String.format("%07d", ++caseCount);
  }

  /** A pseudonymous token of 16 hex digits: never an id card or mobile number (contract 1.4). */
  private String applicantId() {
    return String.format("%016x", random.nextLong());
  }

  // ---- catalog ---------------------------------------------------------------------------------

  private void scheduleCatalogRollout() {
    long rollout = profile.catalogRollout().toMillis();
    for (SimulatedRegion region : regions) {
      for (Item item : region.items) {
        long itemAt = startMillis + randomMillis(rollout - 1000);
        for (Listing listing : item.listings.values()) {
          long t = itemAt + random.nextInt(1000);
          schedule(t, region, listing.channel, EventType.CATALOG_ITEM_PUBLISHED, "catalog",
              publication(item, listing, listing.guide, t), () -> listing.live = true);
        }
      }
    }
  }

  private void republish(long t) {
    SimulatedRegion region = regions.get(random.nextInt(regions.size()));
    Item item = region.randomItem(random);
    if (item.isLockedAt(t)) {
      return;
    }
    for (Listing listing : item.liveListings()) {
      schedule(t, region, listing.channel, EventType.CATALOG_ITEM_PUBLISHED, "catalog",
          publication(item, listing, listing.guide, t), null);
    }
  }

  /** Takes an item off one online channel for a few minutes, as a maintenance window would. */
  private void withdrawForAWhile(long t) {
    SimulatedRegion region = regions.get(random.nextInt(regions.size()));
    if (!region.hasPlatform) {
      return;
    }
    Item item = region.randomItem(random);
    if (item.isLockedAt(t)) {
      return;
    }
    List<Listing> online =
        item.liveListings().stream().filter(listing -> listing.channel.isOnline()).toList();
    if (online.isEmpty()) {
      return;
    }
    Listing listing = online.get(random.nextInt(online.size()));
    long back = t + between(Duration.ofMinutes(3), Duration.ofMinutes(10));
    item.lockedUntil = back + 1;
    ObjectNode withdrawal = JSON.objectNode();
    withdrawal.put("itemCode", item.code);
    withdrawal.put("revision", revisionAt(t));
    schedule(t, region, listing.channel, EventType.CATALOG_ITEM_WITHDRAWN, "catalog", withdrawal,
        () -> listing.live = false);
    schedule(back, region, listing.channel, EventType.CATALOG_ITEM_PUBLISHED, "catalog",
        publication(item, listing, listing.guide, back), () -> listing.live = true);
  }

  private ObjectNode publication(Item item, Listing listing, ObjectNode guide, long t) {
    ObjectNode data = JSON.objectNode();
    data.put("itemCode", item.code);
    data.put("itemName", item.name);
    data.put("depth", listing.depth);
    if (listing.features != null) {
      data.set("features", listing.features);
    }
    data.set("guide", guide);
    data.put("revision", revisionAt(t));
    return data;
  }

  /**
   * Revisions are event-time seconds, so a later run never publishes a lower revision than an
   * earlier run on the same topic (which the job would ignore as stale).
   */
  private static long revisionAt(long timeMillis) {
    return timeMillis / 1000;
  }

  /**
   * An online listing whose fee or time limit another channel of the item also shows. Faults go by
   * the planned catalog, not what is live, so they can be injected before it is out: an item
   * withdrawn for a while is locked, and faults pass locked items by.
   */
  private static Listing inconsistencyTarget(Item item) {
    for (Listing candidate : item.listings.values()) {
      if (candidate.channel.isOnline() && !sharedKeyFacts(item, candidate).isEmpty()) {
        return candidate;
      }
    }
    return null;
  }

  /** The numeric key facts the listing shows and some other channel of the item shows too. */
  private static List<String> sharedKeyFacts(Item item, Listing listing) {
    List<String> shared = new ArrayList<>();
    for (String fact : List.of("fee", "timeLimitDays")) {
      if (!shows(listing.guide, fact)) {
        continue;
      }
      for (Listing other : item.listings.values()) {
        if (other != listing && shows(other.guide, fact)) {
          shared.add(fact);
          break;
        }
      }
    }
    return shared;
  }

  /** Whether a guide element is present as contract 1.3 counts it. */
  private static boolean shows(ObjectNode guide, String element) {
    var value = guide.get(element);
    if (value == null || value.isNull()) {
      return false;
    }
    return value.isTextual() ? !value.asText().isBlank() : !value.isArray() || !value.isEmpty();
  }

  private static String differentFee(String fee) {
    String trimmed = fee.trim();
    if (!trimmed.matches("[0-9]+(\\.[0-9]+)?") || Double.parseDouble(trimmed) == 0) {
      return "20";
    }
    return Long.toString(Math.round(Double.parseDouble(trimmed) * 1.5) + 5);
  }

  // ---- automatic faults ------------------------------------------------------------------------

  private void injectRandomFault(long t) {
    FaultKind kind = pickFaultKind();
    if (kind == null) {
      return;
    }
    Instant at = Instant.ofEpochMilli(t);
    for (int attempt = 0; attempt < 10; attempt++) {
      SimulatedRegion region = pickRegion();
      boolean needsPlatform = kind != FaultKind.OUTAGE && kind != FaultKind.ITEM_OUTAGE;
      if (needsPlatform && !region.hasPlatform) {
        continue;
      }
      Channel channel =
          kind == FaultKind.CHANNEL_SILENCE
              ? Channel.online().get(random.nextInt(Channel.online().size()))
              : region.pickChannel(random);
      if (hasFaultWindow(region, channel, t)) {
        continue;
      }
      try {
        switch (kind) {
          case OUTAGE -> injectOutage(region.code(), channel, at,
              Duration.ofMillis(between(profile.minOutage(), profile.maxOutage())));
          case ITEM_OUTAGE -> injectItemOutage(region.code(), channel, at,
              Duration.ofMillis(between(profile.minOutage(), profile.maxOutage())));
          case CHANNEL_SILENCE -> injectChannelSilence(region.code(), channel, at,
              Duration.ofMillis(between(MIN_SILENCE, MAX_SILENCE)));
          case INCONSISTENT_PUBLICATION -> injectInconsistentPublication(region.code(), at,
              Duration.ofMillis(between(profile.minInconsistency(), profile.maxInconsistency())));
          case OFFLINE_RESUBMISSION -> injectOfflineResubmission(region.code(), at);
          case STATUS_NOT_SYNCED -> injectStatusNotSynced(region.code(), at,
              random.nextBoolean()
                  ? SYNC_GRACE.plus(Duration.ofMillis(between(Duration.ofMinutes(10), Duration.ofMinutes(60))))
                  : null);
        }
        return;
      } catch (IllegalStateException | IllegalArgumentException nothingFitsHere) {
        // This region offers nothing the fault needs (or its catalog is not out yet): try another.
      }
    }
  }

  private FaultKind pickFaultKind() {
    double total = 0;
    for (FaultKind kind : FaultKind.values()) {
      total += profile.faultWeights().getOrDefault(kind, 0.0);
    }
    if (total <= 0) {
      return null;
    }
    double u = random.nextDouble() * total;
    for (FaultKind kind : FaultKind.values()) {
      u -= profile.faultWeights().getOrDefault(kind, 0.0);
      if (u < 0) {
        return kind;
      }
    }
    return null;
  }

  private boolean isDown(SimulatedRegion region, Channel channel, long t) {
    for (FaultWindow window : faultWindows) {
      if (window.kind == FaultKind.OUTAGE && window.covers(region.code(), channel, t)) {
        return true;
      }
    }
    return false;
  }

  private boolean isItemDown(SimulatedRegion region, Channel channel, String itemCode, long t) {
    for (FaultWindow window : faultWindows) {
      if (window.kind == FaultKind.ITEM_OUTAGE
          && itemCode.equals(window.itemCode)
          && window.covers(region.code(), channel, t)) {
        return true;
      }
    }
    return false;
  }

  private FaultWindow silenceAt(String regionCode, Channel channel, long t) {
    for (FaultWindow window : faultWindows) {
      if (window.kind == FaultKind.CHANNEL_SILENCE && window.covers(regionCode, channel, t)) {
        return window;
      }
    }
    return null;
  }

  private boolean hasFaultWindow(SimulatedRegion region, Channel channel, long t) {
    for (FaultWindow window : faultWindows) {
      if (window.region.equals(region.code())
          && window.channel == channel
          && window.endMillis > t) {
        return true;
      }
    }
    return false;
  }

  private InjectedFault record(InjectedFault fault) {
    injectedFaults.add(fault);
    return fault;
  }

  // ---- emitting --------------------------------------------------------------------------------

  private void schedule(
      long t,
      SimulatedRegion region,
      Channel channel,
      EventType type,
      String system,
      ObjectNode data,
      Runnable onEmit) {
    schedule(t, region, channel, type, system, () -> data, onEmit);
  }

  /**
   * Schedules an event whose data is built only when it is emitted: a case's follow-ups wait
   * minutes, and at benchmark rates millions of them wait at once.
   */
  private void schedule(
      long t,
      SimulatedRegion region,
      Channel channel,
      EventType type,
      String system,
      Supplier<ObjectNode> data,
      Runnable onEmit) {
    pending.add(new Pending(t, ++sequence, region.code(), channel, type, system, data, onEmit));
  }

  private void emitDue(long until, List<SimulatedEvent> out) {
    while (!pending.isEmpty() && pending.peek().timeMillis() < until) {
      Pending event = pending.poll();
      FaultWindow silence = silenceAt(event.region(), event.channel(), event.timeMillis());
      if (silence != null) {
        if (isLostInSilence(event.type())) {
          continue;
        }
        // The channel's system reports its backlog once it is back, in the original order.
        long after =
            silence.endMillis + 1000 + (event.timeMillis() - silence.startMillis) / 20;
        pending.add(event.at(after));
        continue;
      }
      if (event.onEmit() != null) {
        event.onEmit().run();
      }
      out.add(new SimulatedEvent(event.region(), render(event)));
    }
  }

  /** Access attempts, ratings and visits nobody recorded are gone; case and catalog reports wait. */
  private static boolean isLostInSilence(EventType type) {
    return type == EventType.SERVICE_ACCESS
        || type == EventType.SERVICE_RATING
        || type == EventType.HALL_VISIT;
  }

  private String render(Pending event) {
    ObjectNode envelope = JSON.objectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", "sim-" + runTag + "-" + (++emittedCount));
    envelope.put("source", "/" + event.region() + "/" + event.channel().wireName() + "/" + event.system());
    envelope.put("type", event.type().wireName());
    envelope.put("time", TIME_FORMAT.format(Instant.ofEpochMilli(event.timeMillis())));
    envelope.put("region", event.region());
    envelope.put("channel", event.channel().wireName());
    envelope.put("datacontenttype", "application/json");
    envelope.set("data", event.data().get());
    try {
      return MAPPER.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A tree of plain values failed to serialise", e);
    }
  }

  // ---- planning and randomness -----------------------------------------------------------------

  /** Decides from the seed which regions have which kind of online platform. */
  private List<SimulatedRegion> planRegions() {
    List<Region> all = Regions.all();
    List<Integer> order = shuffledIndexes(all.size());
    int withoutPlatform = Math.min(profile.regionsWithoutPlatform(), all.size());
    List<Integer> platform = order.subList(withoutPlatform, order.size());
    int handling = Math.min(profile.regionsHandlingOnline(), platform.size());
    List<Integer> handlingOnline = platform.subList(0, handling);
    List<Integer> booking = new ArrayList<>(platform);
    Collections.shuffle(booking, random);
    booking = booking.subList(0, Math.min(profile.regionsWithBooking(), booking.size()));
    List<Integer> payment = new ArrayList<>(handlingOnline);
    Collections.shuffle(payment, random);
    payment = payment.subList(0, Math.min(profile.regionsWithOnlinePayment(), payment.size()));

    List<SimulatedRegion> planned = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      planned.add(
          SimulatedRegion.plan(
              all.get(i),
              platform.contains(i),
              handlingOnline.contains(i),
              booking.contains(i),
              payment.contains(i),
              profile,
              random));
    }
    return List.copyOf(planned);
  }

  private List<Integer> shuffledIndexes(int size) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      indexes.add(i);
    }
    Collections.shuffle(indexes, random);
    return indexes;
  }

  private double[] cumulativeWeights() {
    double[] cumulative = new double[regions.size()];
    double total = 0;
    for (int i = 0; i < regions.size(); i++) {
      total += regions.get(i).trafficWeight;
      cumulative[i] = total;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
    return cumulative;
  }

  private SimulatedRegion pickRegion() {
    double u = random.nextDouble();
    for (int i = 0; i < regionCumulativeWeight.length; i++) {
      if (u < regionCumulativeWeight[i]) {
        return regions.get(i);
      }
    }
    return regions.get(regions.size() - 1);
  }

  private SimulatedRegion region(String code) {
    for (SimulatedRegion region : regions) {
      if (region.code().equals(code)) {
        return region;
      }
    }
    throw new IllegalArgumentException("Unknown region " + code);
  }

  private SimulatedRegion offering(String code, Channel channel) {
    SimulatedRegion region = region(code);
    if (!region.channels.contains(channel)) {
      throw new IllegalArgumentException(code + " has no online platform, so no " + channel);
    }
    return region;
  }

  private Item pickItem(SimulatedRegion region, long t, Predicate<Item> fits) {
    List<Item> candidates = new ArrayList<>();
    for (Item item : region.items) {
      if (!item.isLockedAt(t) && fits.test(item)) {
        candidates.add(item);
      }
    }
    return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
  }

  private long notInThePast(Instant start) {
    long t = start.toEpochMilli();
    if (t < tickStartMillis) {
      throw new IllegalArgumentException(
          "Cannot inject a fault at " + start + ", before the simulator's position " + position());
    }
    return t;
  }

  private long between(Duration min, Duration max) {
    long span = max.toMillis() - min.toMillis();
    return min.toMillis() + (span <= 0 ? 0 : randomMillis(span));
  }

  private long randomMillis(long bound) {
    return bound <= 0 ? 0 : (long) (random.nextDouble() * bound);
  }

  private long exponentialMillis(Duration mean) {
    return (long) (-Math.log(1 - random.nextDouble()) * mean.toMillis());
  }

  private int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      // Knuth's method underflows for large means; the normal approximation is good there.
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }

  /** A 64-bit finaliser (SplitMix64), so nearby seeds and starts give unrelated run tags. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  // ---- small records ---------------------------------------------------------------------------

  private record Pending(
      long timeMillis,
      long sequence,
      String region,
      Channel channel,
      EventType type,
      String system,
      Supplier<ObjectNode> data,
      Runnable onEmit) {

    Pending at(long newTime) {
      return new Pending(newTime, sequence, region, channel, type, system, data, onEmit);
    }
  }

  private static final class ProbeStream {
    final SimulatedRegion region;
    final Channel channel;
    long nextAtMillis;

    ProbeStream(SimulatedRegion region, Channel channel, long firstAtMillis) {
      this.region = region;
      this.channel = channel;
      this.nextAtMillis = firstAtMillis;
    }
  }

  private record FaultWindow(
      FaultKind kind, String region, Channel channel, String itemCode, long startMillis, long endMillis) {

    boolean covers(String regionCode, Channel at, long t) {
      return region.equals(regionCode) && channel == at && t >= startMillis && t < endMillis;
    }

    InjectedFault toFault() {
      return new InjectedFault(
          kind, region, channel, itemCode, null, List.of(), Instant.ofEpochMilli(startMillis),
          Instant.ofEpochMilli(endMillis));
    }
  }
}
