package org.channelwatch.simulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The knobs of the {@link EventSimulator}, with defaults that echo the national picture of the
 * seed talk: most provinces have an online platform and handle items online, few take payment
 * online, and about four have no online platform at all.
 *
 * @param eventsPerSecond the mean number of events per second of event time, probes and catalog
 *     included
 * @param probeInterval how often each region's channel gets a synthetic probe; probes alone give
 *     every channel enough samples for a 1-minute window, whatever the rate
 * @param regionsWithoutPlatform regions whose items are only in the hall (their online channels
 *     send nothing)
 * @param regionsHandlingOnline regions with a platform that handle most items online (depth 4)
 * @param regionsWithBooking regions with a platform that offer online booking (depth 3) for some
 *     items
 * @param regionsWithOnlinePayment regions handling items online that also take payment online
 * @param minItemsPerRegion fewest items in a region's catalog
 * @param maxItemsPerRegion most items in a region's catalog (at most the number of item templates)
 * @param catalogRollout how long after the start every region has published its catalog
 * @param republishInterval mean time between re-publications of an unchanged item, per region
 * @param withdrawalInterval mean time between temporary withdrawals of an item from an online
 *     channel, per region
 * @param minCaseDuration shortest time from acceptance to a case's final status
 * @param maxCaseDuration longest time from acceptance to a case's final status
 * @param meanFaultInterval mean time between automatically injected faults; zero for none
 * @param firstFaultAfter how long after the start the first automatic fault may come
 * @param minOutage shortest outage of a channel or of one item
 * @param maxOutage longest outage of a channel or of one item
 * @param minInconsistency shortest inconsistent publication (over 10 minutes, so it is reported)
 * @param maxInconsistency longest inconsistent publication
 * @param faultWeights how often each kind is chosen for an automatic fault; missing kinds never
 */
public record SimulatorProfile(
    double eventsPerSecond,
    Duration probeInterval,
    int regionsWithoutPlatform,
    int regionsHandlingOnline,
    int regionsWithBooking,
    int regionsWithOnlinePayment,
    int minItemsPerRegion,
    int maxItemsPerRegion,
    Duration catalogRollout,
    Duration republishInterval,
    Duration withdrawalInterval,
    Duration minCaseDuration,
    Duration maxCaseDuration,
    Duration meanFaultInterval,
    Duration firstFaultAfter,
    Duration minOutage,
    Duration maxOutage,
    Duration minInconsistency,
    Duration maxInconsistency,
    Map<FaultKind, Double> faultWeights) {

  public SimulatorProfile {
    if (!(eventsPerSecond > 0)) {
      throw new IllegalArgumentException("eventsPerSecond must be positive, not " + eventsPerSecond);
    }
    requirePositive("probeInterval", probeInterval);
    requirePositive("catalogRollout", catalogRollout);
    requirePositive("republishInterval", republishInterval);
    requirePositive("withdrawalInterval", withdrawalInterval);
    requireOrdered("caseDuration", minCaseDuration, maxCaseDuration);
    requireOrdered("outage", minOutage, maxOutage);
    requireOrdered("inconsistency", minInconsistency, maxInconsistency);
    Objects.requireNonNull(firstFaultAfter, "firstFaultAfter");
    if (Objects.requireNonNull(meanFaultInterval, "meanFaultInterval").isNegative()) {
      throw new IllegalArgumentException("meanFaultInterval must not be negative");
    }
    if (regionsWithoutPlatform < 0
        || regionsHandlingOnline < 0
        || regionsWithBooking < 0
        || regionsWithOnlinePayment < 0) {
      throw new IllegalArgumentException("Region counts must not be negative");
    }
    if (minItemsPerRegion < 1 || maxItemsPerRegion < minItemsPerRegion) {
      throw new IllegalArgumentException(
          "Items per region must satisfy 1 <= min <= max, not "
              + minItemsPerRegion
              + ".."
              + maxItemsPerRegion);
    }
    if (maxItemsPerRegion > ItemTemplates.count()) {
      throw new IllegalArgumentException(
          "At most " + ItemTemplates.count() + " items per region, not " + maxItemsPerRegion);
    }
    Map<FaultKind, Double> weights = new EnumMap<>(FaultKind.class);
    weights.putAll(Objects.requireNonNull(faultWeights, "faultWeights"));
    for (var entry : weights.entrySet()) {
      if (!(entry.getValue() >= 0)) {
        throw new IllegalArgumentException("Fault weight of " + entry.getKey() + " is negative");
      }
    }
    faultWeights = Map.copyOf(weights);
  }

  /** About 300 events/s, a fault every 3 minutes on average, catalog published in 30 s. */
  public static SimulatorProfile defaults() {
    Map<FaultKind, Double> weights = new EnumMap<>(FaultKind.class);
    weights.put(FaultKind.OUTAGE, 0.30);
    weights.put(FaultKind.INCONSISTENT_PUBLICATION, 0.20);
    weights.put(FaultKind.OFFLINE_RESUBMISSION, 0.20);
    weights.put(FaultKind.STATUS_NOT_SYNCED, 0.15);
    weights.put(FaultKind.ITEM_OUTAGE, 0.10);
    weights.put(FaultKind.CHANNEL_SILENCE, 0.05);
    return new SimulatorProfile(
        300,
        Duration.ofSeconds(5),
        4,
        23,
        13,
        3,
        20,
        60,
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Duration.ofMinutes(30),
        Duration.ofMinutes(2),
        Duration.ofMinutes(15),
        Duration.ofMinutes(3),
        Duration.ofSeconds(90),
        Duration.ofMinutes(2),
        Duration.ofMinutes(4),
        Duration.ofMinutes(12),
        Duration.ofMinutes(20),
        weights);
  }

  public SimulatorProfile withEventsPerSecond(double rate) {
    return new SimulatorProfile(
        rate, probeInterval, regionsWithoutPlatform, regionsHandlingOnline, regionsWithBooking,
        regionsWithOnlinePayment, minItemsPerRegion, maxItemsPerRegion, catalogRollout,
        republishInterval, withdrawalInterval, minCaseDuration, maxCaseDuration, meanFaultInterval,
        firstFaultAfter, minOutage, maxOutage, minInconsistency, maxInconsistency, faultWeights);
  }

  /** The same profile with automatic faults every {@code interval} on average (zero for none). */
  public SimulatorProfile withMeanFaultInterval(Duration interval) {
    return new SimulatorProfile(
        eventsPerSecond, probeInterval, regionsWithoutPlatform, regionsHandlingOnline,
        regionsWithBooking, regionsWithOnlinePayment, minItemsPerRegion, maxItemsPerRegion,
        catalogRollout, republishInterval, withdrawalInterval, minCaseDuration, maxCaseDuration,
        interval, firstFaultAfter, minOutage, maxOutage, minInconsistency, maxInconsistency,
        faultWeights);
  }

  /** The same profile without automatic faults; faults can still be injected by hand. */
  public SimulatorProfile withoutFaults() {
    return withMeanFaultInterval(Duration.ZERO);
  }

  public SimulatorProfile withFaultWeights(Map<FaultKind, Double> weights) {
    return new SimulatorProfile(
        eventsPerSecond, probeInterval, regionsWithoutPlatform, regionsHandlingOnline,
        regionsWithBooking, regionsWithOnlinePayment, minItemsPerRegion, maxItemsPerRegion,
        catalogRollout, republishInterval, withdrawalInterval, minCaseDuration, maxCaseDuration,
        meanFaultInterval, firstFaultAfter, minOutage, maxOutage, minInconsistency,
        maxInconsistency, weights);
  }

  public boolean injectsFaults() {
    return !meanFaultInterval.isZero()
        && faultWeights.values().stream().anyMatch(weight -> weight > 0);
  }

  private static void requirePositive(String name, Duration value) {
    if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }

  private static void requireOrdered(String name, Duration min, Duration max) {
    requirePositive("min " + name, min);
    requirePositive("max " + name, max);
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max " + name + " " + max + " is below min " + min);
    }
  }
}
