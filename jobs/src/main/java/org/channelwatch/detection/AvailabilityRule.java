package org.channelwatch.detection;

import java.io.Serializable;

/**
 * Judges one minute of access events of one scope as bad, good or inconclusive.
 *
 * <p>Immutable. The channel rule and the item rule differ only in their minimum samples.
 */
public final class AvailabilityRule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int minSamples;
  private final double badOkRatioBelow;
  private final double goodOkRatioFrom;

  public AvailabilityRule(int minSamples, double badOkRatioBelow, double goodOkRatioFrom) {
    this.minSamples = minSamples;
    this.badOkRatioBelow = badOkRatioBelow;
    this.goodOkRatioFrom = goodOkRatioFrom;
  }

  public static AvailabilityRule forChannels(DetectionSettings settings) {
    return new AvailabilityRule(settings.serviceMinSamples(), settings.badOkRatioBelow(), settings.goodOkRatioFrom());
  }

  public static AvailabilityRule forItems(DetectionSettings settings) {
    return new AvailabilityRule(settings.itemMinSamples(), settings.badOkRatioBelow(), settings.goodOkRatioFrom());
  }

  public WindowHealth judge(AccessTally minute) {
    if (minute == null || minute.samples < minSamples) {
      return WindowHealth.INCONCLUSIVE;
    }
    // ok / samples is correctly rounded, so 9 of 10 equals the literal 0.9 exactly.
    double okRatio = minute.okRatio();
    if (okRatio < badOkRatioBelow) {
      return WindowHealth.BAD;
    }
    return okRatio >= goodOkRatioFrom ? WindowHealth.GOOD : WindowHealth.INCONCLUSIVE;
  }
}
