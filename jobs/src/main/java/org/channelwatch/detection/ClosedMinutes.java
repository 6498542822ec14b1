package org.channelwatch.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.streaming.api.TimerService;
import org.channelwatch.indicators.Windows;

/**
 * Holds events back until their minute has closed, then releases them in a fixed order.
 *
 * <p>Once the watermark passes a minute's end, intake sends any later event of that minute to dead
 * letters, so every event of a closed minute is known. Rules fed closed minutes in a fixed order
 * see the same sequence whatever the parallelism or arrival interleaving: that is what makes the
 * results deterministic.
 */
final class ClosedMinutes {
  private ClosedMinutes() {}

  /** The event-time timer at which the minute holding {@code eventTime} has closed. */
  static long closesAt(long eventTime) {
    return Windows.startOf(eventTime) + Windows.SIZE_MILLIS - 1;
  }

  /**
   * Removes from {@code buffer} the elements whose minute has closed at {@code now}, and returns
   * them sorted by {@code order}.
   */
  static <T> List<T> takeClosed(ListState<T> buffer, long now, ToLongFunction<T> timeOf, Comparator<T> order)
      throws Exception {
    Iterable<T> buffered = buffer.get();
    if (buffered == null) {
      return List.of();
    }
    List<T> closed = new ArrayList<>();
    List<T> open = new ArrayList<>();
    for (T element : buffered) {
      (closesAt(timeOf.applyAsLong(element)) <= now ? closed : open).add(element);
    }
    if (closed.isEmpty()) {
      return closed;
    }
    buffer.update(open);
    closed.sort(order);
    return closed;
  }

  /**
   * True when time reaches {@code now} only because a bounded input ended: the final watermark
   * proves nothing about silences, grace periods or SLAs, so deadline rules stay quiet.
   */
  static boolean isEndOfInput(TimerService timers) {
    return timers.currentWatermark() == Long.MAX_VALUE;
  }

  static <T> boolean isEmpty(ListState<T> buffer) throws Exception {
    Iterable<T> buffered = buffer.get();
    return buffered == null || !buffered.iterator().hasNext();
  }

  /** Whether some buffered element waits for the timer {@code timer}, which must then stay. */
  static <T> boolean anyClosesAt(ListState<T> buffer, long timer, ToLongFunction<T> timeOf) throws Exception {
    Iterable<T> buffered = buffer.get();
    if (buffered != null) {
      for (T element : buffered) {
        if (closesAt(timeOf.applyAsLong(element)) == timer) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Registers {@code timer} unless it is not after {@code now}: a timer re-registered for the
   * instant being fired fires again at once, forever, when the watermark is at its end.
   */
  static void registerLater(TimerService timers, long timer, long now) {
    if (timer > now) {
      timers.registerEventTimeTimer(timer);
    }
  }
}
