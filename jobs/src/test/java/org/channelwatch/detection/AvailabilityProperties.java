package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;

class AvailabilityProperties {

  /** One minute: the channel's tally, and one item's. */
  record Minute(AccessTally channel, AccessTally item) {}

  @Property
  void opensAndResolvesAlternateAndNeverOverlapPerScope(@ForAll("minutes") List<Minute> minutes) {
    AvailabilityDetector detector = new AvailabilityDetector(DetectionSettings.defaults());
    MapLedger ledger = new MapLedger();
    Map<String, Incident> openByScope = new HashMap<>();
    for (int i = 0; i < minutes.size(); i++) {
      long windowStart = TestEvents.minute(i);
      Minute minute = minutes.get(i);
      TreeMap<String, AccessTally> items = new TreeMap<>();
      items.put("ITEM-1", minute.item());
      for (Incident change : detector.closeMinute(TestEvents.REGION, Channel.APP, windowStart, minute.channel(), items, ledger)) {
        String scope = change.kind + "/" + change.itemCode;
        Incident open = openByScope.get(scope);
        if (change.isOpen()) {
          assertThat(open).as("a second incident opened while one is open for " + scope).isNull();
          assertThat(change.openedAt).isEqualTo(windowStart);
          openByScope.put(scope, change);
        } else {
          assertThat(open).as("resolved without being open: " + scope).isNotNull();
          assertThat(change.id()).isEqualTo(open.id());
          assertThat(change.resolvedAt).isEqualTo(windowStart).isGreaterThan(open.openedAt);
          openByScope.remove(scope);
        }
      }
      assertThat(ledger.service != null).isEqualTo(openByScope.containsKey("SERVICE_UNAVAILABLE/null"));
    }
  }

  @Provide
  Arbitrary<List<Minute>> minutes() {
    Arbitrary<AccessTally> tally =
        Arbitraries.integers().between(0, 12).flatMap(samples ->
            Arbitraries.integers().between(0, samples).map(ok -> new AccessTally(samples, ok)));
    return Combinators.combine(tally, tally).as(Minute::new).list().ofMaxSize(60);
  }
}
