package org.channelwatch.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.channelwatch.intake.IntakeRecord;

/**
 * Bounded out-of-orderness watermarks (contract 2) driven only by events that run on windows.
 *
 * <p>Catalog events are never late and are applied in revision order (contract 2), so their times
 * say nothing about how far the channels' activity has progressed: a catalog sync carrying times
 * hours ahead would otherwise make every later access event late. Dead letters have no usable
 * time at all. Neither moves the watermark.
 */
final class EventTimeWatermarks implements WatermarkGenerator<IntakeRecord> {

  private final long outOfOrdernessMillis;
  private long maxTimestamp;

  EventTimeWatermarks(Duration outOfOrderness) {
    this.outOfOrdernessMillis = outOfOrderness.toMillis();
    // Start low enough that subtracting the bound cannot overflow.
    this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
  }

  @Override
  public void onEvent(IntakeRecord record, long eventTimestamp, WatermarkOutput output) {
    if (record.isEvent() && !record.event.type.isCatalog()) {
      maxTimestamp = Math.max(maxTimestamp, record.event.time);
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(new Watermark(maxTimestamp - outOfOrdernessMillis - 1));
  }
}
