package org.channelwatch.detection;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of the six incident rules of contract 3, with the contract's defaults.
 *
 * @param serviceMinSamples access events a channel's minute needs before it can be judged
 *     ({@code service_unavailable})
 * @param itemMinSamples access events an item's minute needs before it can be judged
 *     ({@code item_unavailable})
 * @param badOkRatioBelow a judged minute whose okRatio is below this is bad
 * @param goodOkRatioFrom a judged minute whose okRatio is at least this is good
 * @param silenceAfter how long a channel that has sent events may send none before it is silent
 * @param inconsistencyGrace how long an item's channels may disagree before it is an incident
 * @param resubmissionLookback how far back an online case makes a hall submission a resubmission
 * @param statusSyncSla how long the submitting channel has to report a terminal status that
 *     another channel has reported
 * @param caseRetention how long, in event time after a case's last event, its submission and
 *     status reports are remembered (this is also how long a repeated {@code caseId} is ignored)
 * @param stateTtl processing-time backstop that forgets incidents which never resolve (a channel
 *     that never comes back, an outage with no traffic after it)
 */
public record DetectionSettings(
    int serviceMinSamples,
    int itemMinSamples,
    double badOkRatioBelow,
    double goodOkRatioFrom,
    Duration silenceAfter,
    Duration inconsistencyGrace,
    Duration resubmissionLookback,
    Duration statusSyncSla,
    Duration caseRetention,
    Duration stateTtl)
    implements Serializable {

  public DetectionSettings {
    Objects.requireNonNull(silenceAfter, "silenceAfter");
    Objects.requireNonNull(inconsistencyGrace, "inconsistencyGrace");
    Objects.requireNonNull(resubmissionLookback, "resubmissionLookback");
    Objects.requireNonNull(statusSyncSla, "statusSyncSla");
    Objects.requireNonNull(caseRetention, "caseRetention");
    Objects.requireNonNull(stateTtl, "stateTtl");
    if (serviceMinSamples < 1 || itemMinSamples < 1) {
      throw new IllegalArgumentException("minimum samples must be at least 1");
    }
    if (!(0 <= badOkRatioBelow && badOkRatioBelow <= goodOkRatioFrom && goodOkRatioFrom <= 1)) {
      throw new IllegalArgumentException(
          "need 0 <= badOkRatioBelow <= goodOkRatioFrom <= 1, got " + badOkRatioBelow + " and " + goodOkRatioFrom);
    }
    for (Duration positive : new Duration[] {silenceAfter, inconsistencyGrace, resubmissionLookback, statusSyncSla, stateTtl}) {
      if (positive.isNegative() || positive.isZero()) {
        throw new IllegalArgumentException("durations must be positive, got " + positive);
      }
    }
    // A case forgotten before its sync deadline could never raise status_not_synced.
    if (caseRetention.compareTo(statusSyncSla.plusMinutes(2)) < 0) {
      throw new IllegalArgumentException(
          "caseRetention (" + caseRetention + ") must exceed statusSyncSla (" + statusSyncSla + ") by at least 2 minutes");
    }
  }

  /** The defaults of contract 3. */
  public static DetectionSettings defaults() {
    return new DetectionSettings(
        5,
        3,
        0.5,
        0.9,
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        Duration.ofDays(30),
        Duration.ofMinutes(60),
        Duration.ofDays(90),
        Duration.ofDays(180));
  }
}
