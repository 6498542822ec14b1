package org.channelwatch.minutes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;

/**
 * Summaries of parts of a channel's minute, merged in any order, equal the summary of the whole
 * minute: what lets parallel instances summarise and the rules downstream add their parts up.
 */
class ChannelMinuteProperties {
  private static final long MINUTE_START = 1_764_028_800_000L;

  @Property
  void mergedPartsEqualTheWhole(
      @ForAll("minutesEvents") List<ChannelEvent> events, @ForAll @IntRange(min = 1, max = 4) int parts, @ForAll long seed) {
    ChannelMinute whole = summary(events);

    List<ChannelEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));
    List<ChannelMinute> partial = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      partial.add(ChannelMinute.of("330000", Channel.WEB, MINUTE_START));
    }
    Random split = new Random(seed + 1);
    for (ChannelEvent event : shuffled) {
      partial.get(split.nextInt(parts)).add(event);
    }
    ChannelMinute merged = ChannelMinute.of("330000", Channel.WEB, MINUTE_START);
    for (ChannelMinute part : partial) {
      merged.merge(part.trimmed());
    }

    assertThat(figures(merged)).isEqualTo(figures(whole));
  }

  @Property
  void countsWhatTheEventsSay(@ForAll("minutesEvents") List<ChannelEvent> events) {
    ChannelMinute minute = summary(events);
    assertThat(minute.activityEvents).isEqualTo(events.size());
    assertThat(minute.accessSamples).isEqualTo(events.stream().filter(e -> e.type == EventType.SERVICE_ACCESS).count());
    assertThat(minute.accessOk).isEqualTo(events.stream().filter(e -> e.outcome == AccessOutcome.OK).count());
    assertThat(minute.ratings()).isEqualTo(events.stream().filter(e -> e.type == EventType.SERVICE_RATING).count());
    if (!events.isEmpty()) {
      assertThat(minute.firstEventAt).isEqualTo(events.stream().mapToLong(e -> e.time).min().getAsLong());
      assertThat(minute.lastEventAt).isEqualTo(events.stream().mapToLong(e -> e.time).max().getAsLong());
    }
  }

  private static ChannelMinute summary(List<ChannelEvent> events) {
    ChannelMinute minute = ChannelMinute.of("330000", Channel.WEB, MINUTE_START);
    events.forEach(minute::add);
    return minute.trimmed();
  }

  /** Every figure, with the latencies as a sorted list and the items as a sorted map. */
  private static List<Object> figures(ChannelMinute minute) {
    long[] latencies = Arrays.copyOf(minute.latencies, minute.latencyCount);
    Arrays.sort(latencies);
    Map<String, List<Long>> items = new TreeMap<>();
    for (int i = 0; i < minute.itemCount; i++) {
      items.put(minute.itemCodes[i], List.of(minute.itemSamples[i], minute.itemOk[i]));
    }
    return List.of(
        minute.activityEvents, minute.activityEvents == 0 ? 0 : minute.firstEventAt,
        minute.activityEvents == 0 ? 0 : minute.lastEventAt, minute.accessSamples, minute.accessOk,
        Arrays.toString(latencies), items, Arrays.toString(minute.ratingsByScore));
  }

  @Provide
  Arbitrary<List<ChannelEvent>> minutesEvents() {
    Arbitrary<Long> time = Arbitraries.longs().between(MINUTE_START, MINUTE_START + 59_999);
    Arbitrary<ChannelEvent> access =
        Combinators.combine(
                time,
                Arbitraries.of(AccessOutcome.class),
                Arbitraries.longs().between(0, 5_000).injectNull(0.3),
                Arbitraries.of("ITEM-1", "ITEM-2", "ITEM-3").injectNull(0.4))
            .as((at, outcome, latency, item) -> {
              ChannelEvent event = event(EventType.SERVICE_ACCESS, at);
              event.outcome = outcome;
              event.latencyMs = latency;
              event.itemCode = item;
              return event;
            });
    Arbitrary<ChannelEvent> rating =
        Combinators.combine(time, Arbitraries.integers().between(1, 5)).as((at, score) -> {
          ChannelEvent event = event(EventType.SERVICE_RATING, at);
          event.score = score;
          return event;
        });
    Arbitrary<ChannelEvent> visit = time.map(at -> event(EventType.HALL_VISIT, at));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, access), net.jqwik.api.Tuple.of(2, rating), net.jqwik.api.Tuple.of(1, visit))
        .list()
        .ofMaxSize(80);
  }

  private static ChannelEvent event(EventType type, long time) {
    ChannelEvent event = new ChannelEvent();
    event.type = type;
    event.region = "330000";
    event.channel = Channel.WEB;
    event.time = time;
    return event;
  }
}
