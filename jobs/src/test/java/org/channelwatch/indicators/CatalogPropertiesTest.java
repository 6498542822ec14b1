package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Guide;

class CatalogPropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One catalog event as generated: which item and channel, publication or not, and its content. */
  record Change(int item, int channel, boolean publish, int depth, int elements, int timeLimit, long time) {
    ChannelEvent toEvent(Long revision) {
      String code = "I" + item;
      Channel on = Channel.values()[channel];
      if (!publish) {
        return TestEvents.withdrawn(code, on, time, revision);
      }
      Guide guide = TestEvents.guideWithElements(elements);
      if (guide.timeLimitDays != null) {
        guide.timeLimitDays = (long) timeLimit;
      }
      return TestEvents.published(code, on, time, revision, depth, guide);
    }
  }

  @Provide
  Arbitrary<List<Change>> changes() {
    Arbitrary<Change> change =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, true, false),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(1, 2),
                Arbitraries.longs().between(0, 10).map(seconds -> TestEvents.T0 + seconds * 1000))
            .as(Change::new);
    return change.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 200)
  void stateDoesNotDependOnArrivalOrderWhenRevisionsAreDistinct(
      @ForAll("changes") List<Change> changes, @ForAll @IntRange(min = 0, max = 1000) int shuffleSeed) {
    List<ChannelEvent> inOrder = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      inOrder.add(changes.get(i).toEvent((long) i));
    }
    List<ChannelEvent> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, new Random(shuffleSeed));
    assertThat(state(shuffled)).isEqualTo(state(inOrder));
  }

  @Property(tries = 200)
  void stateWithoutRevisionsDependsOnlyOnTimeOrder(
      @ForAll("changes") List<Change> changes, @ForAll @IntRange(min = 0, max = 1000) int shuffleSeed) {
    // Distinct times: the latest event of each channel and item wins, whatever the arrival order.
    List<ChannelEvent> inOrder = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      ChannelEvent event = changes.get(i).toEvent(null);
      event.time = TestEvents.T0 + i;
      inOrder.add(event);
    }
    List<ChannelEvent> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, new Random(shuffleSeed));
    assertThat(state(shuffled)).isEqualTo(state(inOrder));
  }

  @Property(tries = 200)
  void incrementalFiguresEqualFiguresCountedFromScratch(@ForAll("changes") List<Change> changes) throws Exception {
    KeyValueStore<String, CatalogItem> items = CopyingStore.of(CatalogItem.class);
    CatalogFigures incremental = new CatalogFigures();
    RegionCatalog catalog = new RegionCatalog(items, incremental);
    for (int i = 0; i < changes.size(); i++) {
      catalog.apply(changes.get(i).toEvent(null));
    }
    CatalogFigures fromScratch = new CatalogFigures();
    for (String code : items.keys()) {
      fromScratch.add(items.get(code));
    }
    assertThat(JSON.writeValueAsString(incremental)).isEqualTo(JSON.writeValueAsString(fromScratch));
  }

  /** The items documents and figures after applying the events in the given order. */
  private static List<String> state(List<ChannelEvent> events) {
    KeyValueStore<String, CatalogItem> items = CopyingStore.of(CatalogItem.class);
    CatalogFigures figures = new CatalogFigures();
    RegionCatalog catalog = new RegionCatalog(items, figures);
    events.forEach(catalog::apply);
    List<String> state = new ArrayList<>();
    for (String code : items.keys().stream().sorted().toList()) {
      state.add(IndicatorDocuments.itemDocument(TestEvents.REGION, items.get(code)).sourceAsString());
    }
    try {
      state.add(JSON.writeValueAsString(figures));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return state;
  }
}
