package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.indicators.TestEvents.SECOND;
import static org.channelwatch.indicators.TestEvents.T0;
import static org.channelwatch.indicators.TestEvents.guideWithElements;
import static org.channelwatch.indicators.TestEvents.published;
import static org.channelwatch.indicators.TestEvents.withdrawn;

import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Guide;
import org.junit.jupiter.api.Test;

class RegionCatalogTest {

  private final CopyingStore<String, CatalogItem> items = CopyingStore.of(CatalogItem.class);
  private final RegionCatalog catalog = new RegionCatalog(items, new CatalogFigures());

  private CatalogItem apply(ChannelEvent event) {
    return catalog.apply(event);
  }

  @Test
  void ignoresAPublicationWithALowerRevisionThanOneApplied() {
    apply(published("A", Channel.WEB, T0, 5L, 4, guideWithElements(12)));
    assertThat(apply(published("A", Channel.WEB, T0 + SECOND, 4L, 2, guideWithElements(12)))).isNull();
    assertThat(catalog.item("A").listing(Channel.WEB).depth).isEqualTo(4);
    assertThat(catalog.item("A").listing(Channel.WEB).revision).isEqualTo(5L);
  }

  @Test
  void appliesAHigherRevisionWhateverItsTime() {
    apply(published("A", Channel.WEB, T0 + SECOND, 5L, 4, guideWithElements(12)));
    assertThat(apply(published("A", Channel.WEB, T0, 6L, 2, guideWithElements(12)))).isNotNull();
    assertThat(catalog.item("A").listing(Channel.WEB).depth).isEqualTo(2);
  }

  @Test
  void ordersEqualRevisionsByTime() {
    apply(published("A", Channel.WEB, T0 + 2 * SECOND, 5L, 4, guideWithElements(12)));
    // Same revision, earlier time: it would have been applied first, so the later one stays.
    assertThat(apply(published("A", Channel.WEB, T0 + SECOND, 5L, 2, guideWithElements(12)))).isNull();
    // Same revision, same or later time: applied.
    assertThat(apply(published("A", Channel.WEB, T0 + 2 * SECOND, 5L, 3, guideWithElements(12)))).isNotNull();
    assertThat(catalog.item("A").listing(Channel.WEB).depth).isEqualTo(3);
  }

  @Test
  void ordersEventsWithoutRevisionByTimeOnly() {
    apply(published("A", Channel.WEB, T0 + 2 * SECOND, 5L, 4, guideWithElements(12)));
    assertThat(apply(published("A", Channel.WEB, T0 + SECOND, null, 2, guideWithElements(12)))).isNull();
    assertThat(apply(published("A", Channel.WEB, T0 + 3 * SECOND, null, 2, guideWithElements(12)))).isNotNull();
    ChannelListing web = catalog.item("A").listing(Channel.WEB);
    assertThat(web.revision).isNull();
    // The highest revision still guards against stale events.
    assertThat(web.highestRevision).isEqualTo(5L);
    assertThat(apply(withdrawn("A", Channel.WEB, T0 + 9 * SECOND, 4L))).isNull();
    assertThat(apply(published("A", Channel.WEB, T0, 5L, 1, guideWithElements(12)))).isNull();
    assertThat(apply(published("A", Channel.WEB, T0, 6L, 1, guideWithElements(12)))).isNotNull();
  }

  @Test
  void aWithdrawalRemembersItsRevisionSoAStalePublicationStaysOut() {
    apply(withdrawn("A", Channel.APP, T0, 9L));
    assertThat(apply(published("A", Channel.APP, T0 + SECOND, 8L, 4, guideWithElements(12)))).isNull();
    assertThat(catalog.figures().items).isZero();
    assertThat(catalog.item("A").isPublishedOn(Channel.APP)).isFalse();
  }

  @Test
  void countsItemsOnlineAndOnSeveralChannels() {
    apply(published("hallOnly", Channel.HALL, T0, null, 1, guideWithElements(12)));
    apply(published("webOnly", Channel.WEB, T0, null, 3, guideWithElements(12)));
    apply(published("both", Channel.HALL, T0, null, 1, guideWithElements(12)));
    apply(published("both", Channel.APP, T0, null, 2, guideWithElements(12)));
    CatalogFigures figures = catalog.figures();
    assertThat(figures.items).isEqualTo(3);
    assertThat(figures.itemsOnline).isEqualTo(2);
    assertThat(figures.itemsMultiChannel).isEqualTo(1);
    assertThat(figures.itemsInconsistent).isZero();
  }

  @Test
  void placesAnItemAtItsHighestDepthOverOnlineChannelsOnly() {
    apply(published("A", Channel.HALL, T0, null, 4, guideWithElements(12)));
    apply(published("A", Channel.WEB, T0, null, 2, guideWithElements(12)));
    apply(published("A", Channel.WECHAT, T0, null, 3, guideWithElements(12)));
    apply(published("B", Channel.HALL, T0, null, 4, guideWithElements(12)));
    CatalogFigures figures = catalog.figures();
    assertThat(figures.itemsAtDepth(3)).isEqualTo(1);
    assertThat(figures.itemsAtDepth(4)).isZero();
    assertThat(figures.itemsAtDepth(1) + figures.itemsAtDepth(2) + figures.itemsAtDepth(3) + figures.itemsAtDepth(4))
        .isEqualTo(figures.itemsOnline);
  }

  @Test
  void countsFeaturesOnlyWhereAnOnlineChannelPublishesThem() {
    ChannelEvent hall = published("A", Channel.HALL, T0, null);
    hall.unifiedAuth = true;
    hall.eLicense = true;
    hall.onlinePayment = true;
    apply(hall);
    ChannelEvent web = published("A", Channel.WEB, T0, null);
    web.eLicense = true;
    apply(web);
    ChannelEvent app = published("A", Channel.APP, T0, null);
    app.onlinePayment = true;
    apply(app);
    CatalogFigures figures = catalog.figures();
    assertThat(figures.unifiedAuth).isZero();
    assertThat(figures.eLicense).isEqualTo(1);
    assertThat(figures.onlinePayment).isEqualTo(1);
  }

  @Test
  void averagesCompletenessOverOnlinePublications() {
    assertThat(catalog.figures().completenessMean()).isNull();
    apply(published("A", Channel.HALL, T0, null, 1, guideWithElements(0)));
    assertThat(catalog.figures().completenessMean()).isNull();
    apply(published("A", Channel.WEB, T0, null, 1, guideWithElements(12)));
    apply(published("A", Channel.APP, T0, null, 1, guideWithElements(6)));
    apply(published("B", Channel.WECHAT, T0, null, 1, guideWithElements(3)));
    // (12 + 6 + 3) / (3 x 12)
    assertThat(catalog.figures().completenessMean()).isEqualTo(21 / 36.0);
  }

  @Test
  void countsAnItemInconsistentWhilePublishingChannelsDisagree() {
    Guide tenDays = TestEvents.completeGuide();
    tenDays.timeLimitDays = 10L;
    apply(published("A", Channel.WEB, T0, null));
    CatalogItem item = apply(published("A", Channel.HALL, T0, null, 1, tenDays));
    assertThat(item.differingKeyFacts()).containsExactly("timeLimitDays");
    assertThat(catalog.figures().itemsInconsistent).isEqualTo(1);

    // The hall withdraws: one channel cannot disagree with itself.
    item = apply(withdrawn("A", Channel.HALL, T0 + SECOND, null));
    assertThat(item.isConsistent()).isTrue();
    assertThat(catalog.figures().itemsInconsistent).isZero();
    assertThat(catalog.figures().itemsMultiChannel).isZero();
    assertThat(catalog.figures().items).isEqualTo(1);
  }

  @Test
  void followsAnItemMovingFromOneChannelToAnother() {
    apply(published("A", Channel.WEB, T0, 1L, 4, guideWithElements(12)));
    apply(withdrawn("A", Channel.WEB, T0 + SECOND, 2L));
    apply(published("A", Channel.HALL, T0 + SECOND, 1L, 1, guideWithElements(12)));
    CatalogFigures figures = catalog.figures();
    assertThat(figures.items).isEqualTo(1);
    assertThat(figures.itemsOnline).isZero();
    assertThat(figures.itemsAtDepth(4)).isZero();
    assertThat(figures.completenessMean()).isNull();
    assertThat(catalog.item("A").isPublishedOn(Channel.HALL)).isTrue();
    assertThat(catalog.item("A").isPublishedOn(Channel.WEB)).isFalse();
  }

  @Test
  void withdrawingEverywhereRemovesTheItemFromTheFiguresAndKeepsNothingOfThePublication() {
    apply(published("A", Channel.WEB, T0, null));
    CatalogItem item = apply(withdrawn("A", Channel.WEB, T0 + SECOND, null));
    assertThat(catalog.figures().items).isZero();
    assertThat(catalog.figures().onlinePublications).isZero();
    assertThat(item.displayName()).isNull();
    assertThat(item.listing(Channel.WEB).keyFacts).isNull();
    assertThat(item.listing(Channel.WEB).completeness()).isNull();
  }
}
