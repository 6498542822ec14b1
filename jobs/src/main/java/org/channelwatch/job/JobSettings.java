package org.channelwatch.job;

import java.io.Serializable;
import java.time.Duration;
import org.channelwatch.detection.DetectionSettings;
import org.channelwatch.indicators.IndicatorSettings;

/**
 * The knobs of the ChannelWatch job that its operators need, with the contract's defaults.
 *
 * @param outOfOrderness how far behind the newest event time an event may arrive (contract 2)
 * @param idleness after how long without records a partition stops holding back the watermark
 * @param detection thresholds of the incident rules (contract 3)
 * @param indicators weights and thresholds of the indicators (contract 4)
 * @param dedupSpan how long, in event time, an event id is remembered to drop repeats (contract 1.1)
 */
public record JobSettings(
    Duration outOfOrderness,
    Duration idleness,
    Duration dedupSpan,
    IndicatorSettings indicators,
    DetectionSettings detection)
    implements Serializable {

  public static JobSettings defaults() {
    return new JobSettings(
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofHours(1),
        IndicatorSettings.defaults(),
        DetectionSettings.defaults());
  }
}
