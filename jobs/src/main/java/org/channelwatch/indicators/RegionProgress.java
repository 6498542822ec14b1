package org.channelwatch.indicators;

/**
 * Which of a region's minutes have been written, and which are still to come.
 *
 * <p>A Flink POJO. A region gets a document for every minute from that of its first event on, quiet
 * minutes included, as the watermark passes each minute's end (contract 4.1).
 */
public class RegionProgress {
  /** Start of the next minute to write; null until the region's first event. */
  public Long nextWindowStart;
  /** Start of the latest minute in which the region had an event. */
  public long lastEventWindowStart = Long.MIN_VALUE;
  /** Start of the latest minute written; null before the first. */
  public Long lastWrittenWindowStart;

  public RegionProgress() {}

  /**
   * Notes an event in the minute starting at {@code windowStart}.
   *
   * @param watermark the current watermark
   * @return false when that minute has already been written: the event is late
   */
  public boolean noteEventIn(long windowStart, long watermark) {
    boolean open = windowStart + Windows.SIZE_MILLIS - 1 > watermark;
    if (nextWindowStart == null || (windowStart < nextWindowStart && open && lastWrittenWindowStart == null)) {
      // The first event, or one before it that is not late: its minute is where writing starts.
      // Once a minute is written writing never goes back, even if a restored watermark would allow it.
      nextWindowStart = windowStart;
    } else if (windowStart < nextWindowStart) {
      return false;
    }
    lastEventWindowStart = Math.max(lastEventWindowStart, windowStart);
    return true;
  }

  /**
   * Notes a change applied at the watermark rather than at its own time (a catalog event behind the
   * watermark): the first minute not yet written shows it.
   */
  public void noteChangeAt(long watermark) {
    if (watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE) {
      // No event time yet, or none to come: there is no next minute to show the change in.
      return;
    }
    noteEventIn(Windows.startOf(watermark + 1), watermark);
  }

  /**
   * Whether the next minute is to be written now.
   *
   * @param timerTime the event time reached (a timer's time)
   * @param endOfInput the watermark is at its end ({@link Long#MAX_VALUE}): there the region's
   *     minutes stop after its last minute with an event, as quiet minutes would never end
   */
  public boolean isNextWindowDue(long timerTime, boolean endOfInput) {
    return nextWindowStart != null
        && nextWindowStart + Windows.SIZE_MILLIS - 1 <= timerTime
        && !(endOfInput && nextWindowStart > lastEventWindowStart);
  }

  /** The time at which the next minute is due: its last millisecond. */
  public long nextWindowDueAt() {
    return nextWindowStart + Windows.SIZE_MILLIS - 1;
  }

  /** Marks the next minute written. */
  public void advance() {
    lastWrittenWindowStart = nextWindowStart;
    nextWindowStart += Windows.SIZE_MILLIS;
  }
}
