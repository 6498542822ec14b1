package org.channelwatch.detection;

/**
 * The first and last event time of one scope within one open minute.
 *
 * <p>A Flink POJO kept in state.
 */
public class MinuteSpan {
  public long first;
  public long last;

  public MinuteSpan() {}

  public static MinuteSpan of(long eventTime) {
    MinuteSpan span = new MinuteSpan();
    span.first = eventTime;
    span.last = eventTime;
    return span;
  }

  public void include(long eventTime) {
    first = Math.min(first, eventTime);
    last = Math.max(last, eventTime);
  }
}
