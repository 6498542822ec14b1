package org.channelwatch.cli;

import java.time.Duration;
import org.channelwatch.indicators.IndicatorSettings;
import picocli.CommandLine.Option;

/** Weights and thresholds of the indicators (contract 4.2), with the contract's defaults. */
final class IndicatorOptions {
  @Option(names = "--usable-completeness-weight", defaultValue = "${env:CHANNELWATCH_USABLE_COMPLETENESS_WEIGHT:-0.5}",
      description = "Weight of guide completeness in 'usable'; with the consistency weight it sums to 1 (env CHANNELWATCH_USABLE_COMPLETENESS_WEIGHT; default ${DEFAULT-VALUE}).")
  double usableCompletenessWeight;

  @Option(names = "--usable-consistency-weight", defaultValue = "${env:CHANNELWATCH_USABLE_CONSISTENCY_WEIGHT:-0.5}",
      description = "Weight of cross-channel consistency in 'usable' (env CHANNELWATCH_USABLE_CONSISTENCY_WEIGHT; default ${DEFAULT-VALUE}).")
  double usableConsistencyWeight;

  @Option(names = "--doable-depth-weight", defaultValue = "${env:CHANNELWATCH_DOABLE_DEPTH_WEIGHT:-0.5}",
      description = "Weight of items handled fully online (depth 4) in 'doable'; the three doable weights sum to 1 (env CHANNELWATCH_DOABLE_DEPTH_WEIGHT; default ${DEFAULT-VALUE}).")
  double doableDepthWeight;

  @Option(names = "--doable-unified-auth-weight", defaultValue = "${env:CHANNELWATCH_DOABLE_UNIFIED_AUTH_WEIGHT:-0.25}",
      description = "Weight of unified authentication in 'doable' (env CHANNELWATCH_DOABLE_UNIFIED_AUTH_WEIGHT; default ${DEFAULT-VALUE}).")
  double doableUnifiedAuthWeight;

  @Option(names = "--doable-online-payment-weight", defaultValue = "${env:CHANNELWATCH_DOABLE_ONLINE_PAYMENT_WEIGHT:-0.25}",
      description = "Weight of online payment in 'doable' (env CHANNELWATCH_DOABLE_ONLINE_PAYMENT_WEIGHT; default ${DEFAULT-VALUE}).")
  double doableOnlinePaymentWeight;

  @Option(names = "--bad-rating-max-score", defaultValue = "${env:CHANNELWATCH_BAD_RATING_MAX_SCORE:-2}",
      description = "Ratings at or below this score count as bad (env CHANNELWATCH_BAD_RATING_MAX_SCORE; default ${DEFAULT-VALUE}).")
  int badRatingMaxScore;

  @Option(names = "--case-ttl", defaultValue = "${env:CHANNELWATCH_CASE_TTL:-P30D}",
      description = "How long an open case is kept when it never ends (env CHANNELWATCH_CASE_TTL; default ${DEFAULT-VALUE}).")
  Duration caseTimeToLive;

  @Option(names = "--ended-case-memory", defaultValue = "${env:CHANNELWATCH_ENDED_CASE_MEMORY:-P1D}",
      description = "How long an ended case's id is remembered, so a repeated submission is still ignored (env CHANNELWATCH_ENDED_CASE_MEMORY; default ${DEFAULT-VALUE}).")
  Duration endedCaseMemory;

  IndicatorSettings settings() {
    return new IndicatorSettings(
        usableCompletenessWeight, usableConsistencyWeight, doableDepthWeight, doableUnifiedAuthWeight,
        doableOnlinePaymentWeight, badRatingMaxScore, caseTimeToLive, endedCaseMemory);
  }
}
