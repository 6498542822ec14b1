package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.math3.fraction.BigFraction;
import org.channelwatch.domain.Channel;
import org.junit.jupiter.api.Test;

class ScoresTest {

  private static final IndicatorSettings DEFAULTS = IndicatorSettings.defaults();

  private static ChannelAvailability availability(long... okAndSamplesPerChannel) {
    ChannelAvailability availability = new ChannelAvailability();
    for (int i = 0; i < Channel.values().length; i++) {
      availability.lastOk[i] = okAndSamplesPerChannel[2 * i];
      availability.lastSamples[i] = okAndSamplesPerChannel[2 * i + 1];
    }
    return availability;
  }

  private static ChannelAvailability neverSeen() {
    return new ChannelAvailability();
  }

  @Test
  void roundsHalfUpOnTheExactValue() {
    assertThat(Scores.roundHalfUpToTenth(new BigFraction(6665, 100))).isEqualTo(66.7);
    assertThat(Scores.roundHalfUpToTenth(new BigFraction(5, 100))).isEqualTo(0.1);
    assertThat(Scores.roundHalfUpToTenth(new BigFraction(6664999, 100000))).isEqualTo(66.6);
    assertThat(Scores.roundHalfUpToTenth(new BigFraction(100))).isEqualTo(100.0);
    assertThat(Scores.roundHalfUpToTenth(null)).isNull();
  }

  @Test
  void roundsAScoreOf66Point65UpWhereBinaryFloatingPointWouldNot() {
    // 1333 of 2000 items online: visible is exactly 66.65, but in doubles 66.64999999999999.
    assertThat(new BigDecimal(100 * (1333.0 / 2000)).setScale(1, RoundingMode.HALF_UP).doubleValue()).isEqualTo(66.6);
    CatalogFigures catalog = new CatalogFigures();
    catalog.items = 2000;
    catalog.itemsOnline = 1333;
    assertThat(Scores.compute(neverSeen(), catalog, DEFAULTS).visible()).isEqualTo(66.7);
    catalog.itemsOnline = 1;
    assertThat(Scores.compute(neverSeen(), catalog, DEFAULTS).visible()).isEqualTo(0.1);
  }

  @Test
  void reachableAveragesTheFourChannelsCountingNeverSeenOnesAsZero() {
    // hall 9/10, web 1/2, app never, wechat 3/3
    Scores scores = Scores.compute(availability(9, 10, 1, 2, 0, 0, 3, 3), new CatalogFigures(), DEFAULTS);
    assertThat(scores.reachable()).isEqualTo(60.0);
    assertThat(Scores.compute(neverSeen(), new CatalogFigures(), DEFAULTS).reachable()).isEqualTo(0.0);
  }

  @Test
  void catalogScoresAreNullWithoutAnyItem() {
    Scores scores = Scores.compute(neverSeen(), new CatalogFigures(), DEFAULTS);
    assertThat(scores.visible()).isNull();
    assertThat(scores.usable()).isNull();
    assertThat(scores.doable()).isNull();
    // Reachable is always defined, so overall is too.
    assertThat(scores.overall()).isEqualTo(0.0);
  }

  @Test
  void itemsOnlyInTheHallAreVisibleZeroAndHaveNoUsableOrDoable() {
    CatalogFigures catalog = new CatalogFigures();
    catalog.items = 4;
    Scores scores = Scores.compute(availability(1, 1, 1, 1, 1, 1, 1, 1), catalog, DEFAULTS);
    assertThat(scores.visible()).isEqualTo(0.0);
    assertThat(scores.usable()).isNull();
    assertThat(scores.doable()).isNull();
    assertThat(scores.overall()).isEqualTo(50.0);
  }

  @Test
  void usableWeighsCompletenessAndConsistency() {
    CatalogFigures catalog = new CatalogFigures();
    catalog.items = 4;
    catalog.itemsOnline = 4;
    catalog.onlinePublications = 4;
    catalog.onlinePresentElements = 36; // completeness 0.75
    assertThat(Scores.compute(neverSeen(), catalog, DEFAULTS).usable()).isEqualTo(75.0);
    catalog.itemsMultiChannel = 3;
    catalog.itemsInconsistent = 1; // consistency 2/3
    // 100 x (0.5 x 0.75 + 0.5 x 2/3) = 70.8333...
    assertThat(Scores.compute(neverSeen(), catalog, DEFAULTS).usable()).isEqualTo(70.8);
  }

  @Test
  void doableWeighsDepthFourAuthenticationAndPayment() {
    CatalogFigures catalog = new CatalogFigures();
    catalog.items = 8;
    catalog.itemsOnline = 8;
    catalog.itemsByDepth[4] = 2;
    catalog.itemsByDepth[1] = 6;
    catalog.unifiedAuth = 4;
    catalog.onlinePayment = 1;
    catalog.eLicense = 8; // not part of doable
    // 100 x (0.5 x 2/8 + 0.25 x 4/8 + 0.25 x 1/8) = 28.125
    assertThat(Scores.compute(neverSeen(), catalog, DEFAULTS).doable()).isEqualTo(28.1);
  }

  @Test
  void overallIsTheMeanOfTheUnroundedScores() {
    // reachable = 100 x (1/3 + 0 + 0 + 0) / 4 = 8.3333..., visible = 100 x 1/3 = 33.333...
    CatalogFigures catalog = new CatalogFigures();
    catalog.items = 3;
    catalog.itemsOnline = 1;
    catalog.itemsByDepth[4] = 1; // doable = 50
    catalog.onlinePublications = 1;
    catalog.onlinePresentElements = 1; // usable = 100/12 = 8.3333...
    Scores scores = Scores.compute(availability(1, 3, 0, 0, 0, 0, 0, 0), catalog, DEFAULTS);
    assertThat(scores.reachable()).isEqualTo(8.3);
    assertThat(scores.visible()).isEqualTo(33.3);
    assertThat(scores.usable()).isEqualTo(8.3);
    assertThat(scores.doable()).isEqualTo(50.0);
    // (8.333... + 33.333... + 8.333... + 50) / 4 = 25 exactly; the rounded scores would give 24.975.
    assertThat(scores.overall()).isEqualTo(25.0);

    // 10.46 and 10.43 average 10.445 -> 10.4; rounding them first would give 10.45 -> 10.5.
    BigFraction mean = Scores.meanOfPresent(new BigFraction(1046, 100), null, new BigFraction(1043, 100), null);
    assertThat(Scores.roundHalfUpToTenth(mean)).isEqualTo(10.4);
    assertThat(Scores.meanOfPresent(null, null)).isNull();
  }

  @Test
  void weightsAreConfigurableButMustSumToOne() {
    IndicatorSettings depthOnly =
        new IndicatorSettings(1, 0, 1, 0, 0, 2, Duration.ofDays(30), Duration.ofDays(1));
    CatalogFigures catalog = new CatalogFigures();
    catalog.items = 2;
    catalog.itemsOnline = 2;
    catalog.itemsByDepth[4] = 1;
    catalog.unifiedAuth = 2;
    catalog.itemsMultiChannel = 1;
    catalog.itemsInconsistent = 1;
    catalog.onlinePublications = 1;
    catalog.onlinePresentElements = 12;
    Scores scores = Scores.compute(neverSeen(), catalog, depthOnly);
    assertThat(scores.doable()).isEqualTo(50.0);
    assertThat(scores.usable()).isEqualTo(100.0);
    assertThatThrownBy(() -> new IndicatorSettings(0.5, 0.6, 0.5, 0.25, 0.25, 2, Duration.ofDays(1), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 500)
  void scoresAreAlwaysWithin0And100OrNull(
      @ForAll @LongRange(min = 0, max = 50) long items,
      @ForAll @LongRange(min = 0, max = 50) long online,
      @ForAll @LongRange(min = 0, max = 50) long multi,
      @ForAll @LongRange(min = 0, max = 50) long inconsistent,
      @ForAll @LongRange(min = 0, max = 50) long depth4,
      @ForAll @LongRange(min = 0, max = 50) long auth,
      @ForAll @LongRange(min = 0, max = 50) long payment,
      @ForAll @LongRange(min = 0, max = 150) long publications,
      @ForAll @IntRange(min = 0, max = 12) int meanElements,
      @ForAll @LongRange(min = 0, max = 20) long ok,
      @ForAll @LongRange(min = 0, max = 20) long extraSamples) {
    CatalogFigures catalog = new CatalogFigures();
    catalog.items = items;
    catalog.itemsOnline = Math.min(online, items);
    catalog.itemsMultiChannel = Math.min(multi, items);
    catalog.itemsInconsistent = Math.min(inconsistent, catalog.itemsMultiChannel);
    catalog.itemsByDepth[4] = Math.min(depth4, catalog.itemsOnline);
    catalog.unifiedAuth = Math.min(auth, catalog.itemsOnline);
    catalog.onlinePayment = Math.min(payment, catalog.itemsOnline);
    catalog.onlinePublications = catalog.itemsOnline == 0 ? 0 : Math.max(publications, catalog.itemsOnline);
    catalog.onlinePresentElements = catalog.onlinePublications * meanElements;
    Scores scores = Scores.compute(availability(ok, ok + extraSamples, 0, 0, ok, ok, 0, extraSamples), catalog, DEFAULTS);
    for (Double score : new Double[] {scores.reachable(), scores.visible(), scores.usable(), scores.doable(), scores.overall()}) {
      if (score != null) {
        assertThat(score).isBetween(0.0, 100.0);
        assertThat(score * 10).isEqualTo(Math.rint(score * 10));
      }
    }
    assertThat(scores.reachable()).isNotNull();
    assertThat(scores.overall()).isNotNull();
    assertThat(scores.visible() == null).isEqualTo(items == 0);
    assertThat(scores.doable() == null).isEqualTo(catalog.itemsOnline == 0);
    assertThat(scores.usable() == null).isEqualTo(catalog.onlinePublications == 0);
  }
}
