package org.channelwatch.indicators;

import java.io.Serializable;
import java.time.Duration;

/**
 * The weights and thresholds of the indicators (contract 4), with the contract's defaults.
 *
 * <p>Each group of weights must sum to 1, so that every score stays within 0..100.
 *
 * @param usableCompletenessWeight weight of {@code completenessMean} in {@code usable}
 * @param usableConsistencyWeight weight of consistency (1 - inconsistent / multi-channel items) in
 *     {@code usable}
 * @param doableDepthWeight weight of the share of online items at depth 4 in {@code doable}
 * @param doableUnifiedAuthWeight weight of the share of online items with unified authentication
 * @param doableOnlinePaymentWeight weight of the share of online items with online payment
 * @param badRatingMaxScore a rating at or below this score is bad
 * @param caseTimeToLive how long, in event time since its last event, a case that never ends is
 *     kept
 * @param endedCaseMemory how long, in event time, the id of an ended case is remembered, so that a
 *     repeated submission or a second {@code completed} report of it does not count again
 */
public record IndicatorSettings(
    double usableCompletenessWeight,
    double usableConsistencyWeight,
    double doableDepthWeight,
    double doableUnifiedAuthWeight,
    double doableOnlinePaymentWeight,
    int badRatingMaxScore,
    Duration caseTimeToLive,
    Duration endedCaseMemory)
    implements Serializable {

  private static final double WEIGHT_SUM_TOLERANCE = 1e-9;

  public IndicatorSettings {
    requireWeights("usable", usableCompletenessWeight, usableConsistencyWeight);
    requireWeights("doable", doableDepthWeight, doableUnifiedAuthWeight, doableOnlinePaymentWeight);
    if (badRatingMaxScore < 0 || badRatingMaxScore > 5) {
      throw new IllegalArgumentException("badRatingMaxScore must be within 0..5, not " + badRatingMaxScore);
    }
    requirePositive("caseTimeToLive", caseTimeToLive);
    requirePositive("endedCaseMemory", endedCaseMemory);
  }

  public static IndicatorSettings defaults() {
    return new IndicatorSettings(0.5, 0.5, 0.5, 0.25, 0.25, 2, Duration.ofDays(30), Duration.ofDays(1));
  }

  public IndicatorSettings withCaseTimeToLive(Duration caseTimeToLive) {
    return new IndicatorSettings(
        usableCompletenessWeight, usableConsistencyWeight, doableDepthWeight, doableUnifiedAuthWeight,
        doableOnlinePaymentWeight, badRatingMaxScore, caseTimeToLive, endedCaseMemory);
  }

  public IndicatorSettings withEndedCaseMemory(Duration endedCaseMemory) {
    return new IndicatorSettings(
        usableCompletenessWeight, usableConsistencyWeight, doableDepthWeight, doableUnifiedAuthWeight,
        doableOnlinePaymentWeight, badRatingMaxScore, caseTimeToLive, endedCaseMemory);
  }

  private static void requireWeights(String score, double... weights) {
    double sum = 0;
    for (double weight : weights) {
      if (!(weight >= 0 && weight <= 1)) {
        throw new IllegalArgumentException("the weights of " + score + " must be within 0..1");
      }
      sum += weight;
    }
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      throw new IllegalArgumentException("the weights of " + score + " must sum to 1, not " + sum);
    }
  }

  private static void requirePositive(String name, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
