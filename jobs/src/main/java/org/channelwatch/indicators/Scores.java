package org.channelwatch.indicators;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.channelwatch.domain.Channel;

/**
 * The four scores of contract 4.2 and their overall mean, each 0..100 rounded half up to one
 * decimal, or null where undefined.
 *
 * <p>Scores are computed as exact fractions and rounded once, so a score whose true value is 66.65
 * shows 66.7, which binary floating point (66.64999...) would get wrong.
 */
public record Scores(Double reachable, Double visible, Double usable, Double doable, Double overall) {

  private static final BigFraction HUNDRED = new BigFraction(100);

  /**
   * Computes the scores of a window.
   *
   * @param availability the channels' figures after taking in this window's
   * @param catalog the region's catalog figures at the end of the window
   */
  public static Scores compute(ChannelAvailability availability, CatalogFigures catalog, IndicatorSettings settings) {
    BigFraction reachable = reachable(availability);
    BigFraction visible = visible(catalog);
    BigFraction usable = usable(catalog, settings);
    BigFraction doable = doable(catalog, settings);
    return new Scores(
        roundHalfUpToTenth(reachable),
        roundHalfUpToTenth(visible),
        roundHalfUpToTenth(usable),
        roundHalfUpToTenth(doable),
        roundHalfUpToTenth(meanOfPresent(reachable, visible, usable, doable)));
  }

  /** 100 x the mean over the four channels of their availability. */
  static BigFraction reachable(ChannelAvailability availability) {
    BigFraction sum = BigFraction.ZERO;
    for (Channel channel : Channel.values()) {
      sum = sum.add(availability.of(channel));
    }
    return HUNDRED.multiply(sum).divide(Channel.values().length);
  }

  /** 100 x itemsOnline / items; null without items. */
  static BigFraction visible(CatalogFigures catalog) {
    return catalog.items == 0 ? null : HUNDRED.multiply(new BigFraction(catalog.itemsOnline, catalog.items));
  }

  /**
   * 100 x (w x completenessMean + w' x consistency), or 100 x completenessMean when no item is on two
   * channels; null without online publications.
   */
  static BigFraction usable(CatalogFigures catalog, IndicatorSettings settings) {
    BigFraction completeness = catalog.exactCompletenessMean();
    if (completeness == null) {
      return null;
    }
    if (catalog.itemsMultiChannel == 0) {
      return HUNDRED.multiply(completeness);
    }
    BigFraction consistency =
        BigFraction.ONE.subtract(new BigFraction(catalog.itemsInconsistent, catalog.itemsMultiChannel));
    return HUNDRED.multiply(
        exact(settings.usableCompletenessWeight()).multiply(completeness)
            .add(exact(settings.usableConsistencyWeight()).multiply(consistency)));
  }

  /** 100 x weighted shares of online items at depth 4, with unified authentication and with payment. */
  static BigFraction doable(CatalogFigures catalog, IndicatorSettings settings) {
    long online = catalog.itemsOnline;
    if (online == 0) {
      return null;
    }
    return HUNDRED.multiply(
        exact(settings.doableDepthWeight()).multiply(new BigFraction(catalog.itemsAtDepth(CatalogFigures.MAX_DEPTH), online))
            .add(exact(settings.doableUnifiedAuthWeight()).multiply(new BigFraction(catalog.unifiedAuth, online)))
            .add(exact(settings.doableOnlinePaymentWeight()).multiply(new BigFraction(catalog.onlinePayment, online))));
  }

  /** The mean of the scores that are not null, or null when all are. */
  static BigFraction meanOfPresent(BigFraction... scores) {
    List<BigFraction> present = new ArrayList<>();
    for (BigFraction score : scores) {
      if (score != null) {
        present.add(score);
      }
    }
    if (present.isEmpty()) {
      return null;
    }
    BigFraction sum = BigFraction.ZERO;
    for (BigFraction score : present) {
      sum = sum.add(score);
    }
    return sum.divide(present.size());
  }

  /** Rounds half up to one decimal; null stays null. */
  public static Double roundHalfUpToTenth(BigFraction value) {
    if (value == null) {
      return null;
    }
    return new BigDecimal(value.getNumerator())
        .divide(new BigDecimal(value.getDenominator()), 1, RoundingMode.HALF_UP)
        .doubleValue();
  }

  /** A weight as the decimal it was written as (0.1 is one tenth, not the nearest binary fraction). */
  private static BigFraction exact(double weight) {
    BigDecimal decimal = BigDecimal.valueOf(weight);
    return decimal.scale() <= 0
        ? new BigFraction(decimal.toBigIntegerExact())
        : new BigFraction(decimal.unscaledValue(), BigInteger.TEN.pow(decimal.scale()));
  }
}
