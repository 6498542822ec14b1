package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;
import org.junit.jupiter.api.Test;

class AvailabilityDetectorTest {
  private static final long W0 = TestEvents.minute(0);
  private static final long W1 = TestEvents.minute(1);
  private static final long W2 = TestEvents.minute(2);

  private final AvailabilityDetector detector = new AvailabilityDetector(DetectionSettings.defaults());
  private final MapLedger ledger = new MapLedger();

  @Test
  void judgesAtExactlyTheMinimumSamplesAndThresholds() {
    AvailabilityRule rule = AvailabilityRule.forChannels(DetectionSettings.defaults());
    assertThat(rule.judge(new AccessTally(4, 0))).isEqualTo(WindowHealth.INCONCLUSIVE);
    assertThat(rule.judge(new AccessTally(5, 2))).isEqualTo(WindowHealth.BAD);
    assertThat(rule.judge(new AccessTally(10, 5))).as("okRatio exactly 0.5 is not bad").isEqualTo(WindowHealth.INCONCLUSIVE);
    assertThat(rule.judge(new AccessTally(10, 9))).as("okRatio exactly 0.9 is good").isEqualTo(WindowHealth.GOOD);
    assertThat(rule.judge(new AccessTally(30, 27))).isEqualTo(WindowHealth.GOOD);
    assertThat(rule.judge(new AccessTally(5, 5))).isEqualTo(WindowHealth.GOOD);
    assertThat(AvailabilityRule.forItems(DetectionSettings.defaults()).judge(new AccessTally(3, 0))).isEqualTo(WindowHealth.BAD);
    assertThat(AvailabilityRule.forItems(DetectionSettings.defaults()).judge(new AccessTally(2, 0))).isEqualTo(WindowHealth.INCONCLUSIVE);
  }

  @Test
  void opensOnABadMinuteAndResolvesOnTheFirstGoodOne() {
    List<Incident> opened = close(W0, new AccessTally(7, 2));
    List<Incident> stillBad = close(W1, new AccessTally(9, 0));
    List<Incident> resolved = close(W2, new AccessTally(10, 9));

    assertThat(opened).singleElement().satisfies(incident -> {
      assertThat(incident.id()).isEqualTo("service_unavailable:330000:web:" + W0);
      assertThat(incident.isOpen()).isTrue();
      assertThat(incident.detailsJson).isEqualTo("{\"samples\":7,\"okRatio\":0.2857142857142857}");
    });
    assertThat(stillBad).isEmpty();
    assertThat(resolved).singleElement().satisfies(incident -> {
      assertThat(incident.id()).isEqualTo(opened.get(0).id());
      assertThat(incident.resolvedAt).isEqualTo(W2);
      assertThat(incident.detailsJson).isEqualTo(opened.get(0).detailsJson);
    });
    assertThat(ledger.service).isNull();
  }

  @Test
  void aMinuteInBetweenOrWithTooFewSamplesChangesNothing() {
    close(W0, new AccessTally(5, 0));
    assertThat(close(W1, new AccessTally(10, 8))).isEmpty();
    assertThat(close(W2, new AccessTally(4, 4))).isEmpty();
    assertThat(ledger.service).isNotNull();
  }

  @Test
  void opensAndResolvesAnItemOutage() {
    List<Incident> opened = close(W0, new AccessTally(10, 7), Map.of("ITEM-1", new AccessTally(3, 1)));
    List<Incident> resolved = close(W1, new AccessTally(10, 10), Map.of("ITEM-1", new AccessTally(3, 3)));

    assertThat(opened).singleElement().satisfies(incident -> {
      assertThat(incident.kind).isEqualTo(IncidentKind.ITEM_UNAVAILABLE);
      assertThat(incident.id()).isEqualTo("item_unavailable:330000:web:ITEM-1:" + W0);
    });
    assertThat(resolved).singleElement().satisfies(incident -> assertThat(incident.resolvedAt).isEqualTo(W1));
  }

  @Test
  void anItemMinuteDuringItsChannelsOutageChangesNothing() {
    // The channel's own minute is bad: only the channel's incident opens.
    List<Incident> first = close(W0, new AccessTally(10, 2), Map.of("ITEM-1", new AccessTally(5, 0)));
    // The channel's incident is still open (an inconclusive minute), so the item says nothing.
    List<Incident> second = close(W1, new AccessTally(10, 6), Map.of("ITEM-1", new AccessTally(5, 0)));

    assertThat(first).extracting(incident -> incident.kind).containsExactly(IncidentKind.SERVICE_UNAVAILABLE);
    assertThat(second).isEmpty();
    assertThat(ledger.items).isEmpty();
  }

  @Test
  void anOpenItemOutageIsNeitherResolvedNorReopenedDuringItsChannelsOutage() {
    close(W0, new AccessTally(20, 17), Map.of("ITEM-1", new AccessTally(3, 0)));
    List<Incident> channelDown = close(W1, new AccessTally(10, 0), Map.of("ITEM-1", new AccessTally(3, 3)));
    List<Incident> channelBack = close(W2, new AccessTally(10, 10), Map.of("ITEM-1", new AccessTally(3, 3)));

    assertThat(channelDown).extracting(incident -> incident.kind).containsExactly(IncidentKind.SERVICE_UNAVAILABLE);
    // The good channel minute resolves the channel, after which the item's minute counts again.
    assertThat(channelBack).extracting(Incident::id).containsExactly(
        "service_unavailable:330000:web:" + W1, "item_unavailable:330000:web:ITEM-1:" + W0);
  }

  private List<Incident> close(long windowStart, AccessTally channelMinute) {
    return close(windowStart, channelMinute, Map.of());
  }

  private List<Incident> close(long windowStart, AccessTally channelMinute, Map<String, AccessTally> items) {
    return detector.closeMinute(TestEvents.REGION, Channel.WEB, windowStart, channelMinute, new TreeMap<>(items), ledger);
  }
}
