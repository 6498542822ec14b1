package org.channelwatch.detection;

import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.TimerService;
import org.channelwatch.indicators.Windows;
import org.channelwatch.state.HeldElements;

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
   * Releases the elements {@code key} holds by the time their minute closes ({@link #closesAt})
   * whose minute has closed at {@code now}, sorted by {@code order}.
   */
  static <T> List<T> takeClosed(HeldElements<String, T> held, String key, long now, Comparator<T> order) {
    List<T> closed = held.takeUpTo(key, now);
    if (closed.size() > 1) {
      closed.sort(order);
    }
    return closed;
  }

  /**
   * True when time reaches {@code now} only because a bounded input ended: the final watermark
   * proves nothing about silences, grace periods or SLAs, so deadline rules stay quiet.
   */
  static boolean isEndOfInput(TimerService timers) {
    return timers.currentWatermark() == Long.MAX_VALUE;
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
