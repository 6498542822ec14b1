package org.channelwatch.cli;

import java.time.Duration;
import org.channelwatch.detection.DetectionSettings;
import picocli.CommandLine.Option;

/** Thresholds of the incident rules (contract 3), with the contract's defaults. */
final class DetectionOptions {
  @Option(names = "--service-min-samples", defaultValue = "${env:CHANNELWATCH_SERVICE_MIN_SAMPLES:-5}",
      description = "Access samples a channel's minute needs to count for service_unavailable (env CHANNELWATCH_SERVICE_MIN_SAMPLES; default ${DEFAULT-VALUE}).")
  int serviceMinSamples;

  @Option(names = "--item-min-samples", defaultValue = "${env:CHANNELWATCH_ITEM_MIN_SAMPLES:-3}",
      description = "Access samples an item's minute needs to count for item_unavailable (env CHANNELWATCH_ITEM_MIN_SAMPLES; default ${DEFAULT-VALUE}).")
  int itemMinSamples;

  @Option(names = "--bad-ok-ratio-below", defaultValue = "${env:CHANNELWATCH_BAD_OK_RATIO_BELOW:-0.5}",
      description = "A minute with an ok ratio below this is bad (env CHANNELWATCH_BAD_OK_RATIO_BELOW; default ${DEFAULT-VALUE}).")
  double badOkRatioBelow;

  @Option(names = "--good-ok-ratio-from", defaultValue = "${env:CHANNELWATCH_GOOD_OK_RATIO_FROM:-0.9}",
      description = "A minute with an ok ratio at or above this is good and resolves an outage (env CHANNELWATCH_GOOD_OK_RATIO_FROM; default ${DEFAULT-VALUE}).")
  double goodOkRatioFrom;

  @Option(names = "--silence-after", defaultValue = "${env:CHANNELWATCH_SILENCE_AFTER:-PT5M}",
      description = "Event time without events after which a channel is silent (env CHANNELWATCH_SILENCE_AFTER; default ${DEFAULT-VALUE}).")
  Duration silenceAfter;

  @Option(names = "--inconsistency-grace", defaultValue = "${env:CHANNELWATCH_INCONSISTENCY_GRACE:-PT10M}",
      description = "How long channels may disagree on an item's key facts before guide_inconsistent opens (env CHANNELWATCH_INCONSISTENCY_GRACE; default ${DEFAULT-VALUE}).")
  Duration inconsistencyGrace;

  @Option(names = "--resubmission-lookback", defaultValue = "${env:CHANNELWATCH_RESUBMISSION_LOOKBACK:-P30D}",
      description = "How far back an online case counts for offline_resubmission (env CHANNELWATCH_RESUBMISSION_LOOKBACK; default ${DEFAULT-VALUE}).")
  Duration resubmissionLookback;

  @Option(names = "--status-sync-sla", defaultValue = "${env:CHANNELWATCH_STATUS_SYNC_SLA:-PT60M}",
      description = "How long the submitting channel has to report a terminal status another channel reported (env CHANNELWATCH_STATUS_SYNC_SLA; default ${DEFAULT-VALUE}).")
  Duration statusSyncSla;

  @Option(names = "--case-retention", defaultValue = "${env:CHANNELWATCH_CASE_RETENTION:-P90D}",
      description = "How long detection remembers a case after its last event (env CHANNELWATCH_CASE_RETENTION; default ${DEFAULT-VALUE}).")
  Duration caseRetention;

  @Option(names = "--detection-state-ttl", defaultValue = "${env:CHANNELWATCH_DETECTION_STATE_TTL:-P180D}",
      description = "Processing time after which state of incidents that never resolve is dropped (env CHANNELWATCH_DETECTION_STATE_TTL; default ${DEFAULT-VALUE}).")
  Duration stateTtl;

  DetectionSettings settings() {
    return new DetectionSettings(
        serviceMinSamples, itemMinSamples, badOkRatioBelow, goodOkRatioFrom, silenceAfter, inconsistencyGrace,
        resubmissionLookback, statusSyncSla, caseRetention, stateTtl);
  }
}
