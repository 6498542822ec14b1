package org.channelwatch.job;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.intake.DeadLetter;
import org.channelwatch.intake.IntakeRecord;
import org.channelwatch.intake.RejectReason;
import org.channelwatch.indicators.Windows;

/**
 * Sends valid events on and dead letters to a side output, turning events that arrive after their
 * window was emitted into {@code late} dead letters (contract 2). Counts both, per reason.
 */
final class SplitIntake extends ProcessFunction<IntakeRecord, ChannelEvent> {

  static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  private transient Counter accepted;
  private transient Map<RejectReason, Counter> rejected;

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
    accepted = getRuntimeContext().getMetricGroup().counter(Metrics.EVENTS_ACCEPTED);
    rejected = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(
          reason,
          getRuntimeContext()
              .getMetricGroup()
              .addGroup(Metrics.DEAD_LETTERS_GROUP, reason.wireName())
              .counter(Metrics.DEAD_LETTERS));
    }
  }

  @Override
  public void processElement(IntakeRecord record, Context ctx, Collector<ChannelEvent> out) {
    if (!record.isEvent()) {
      reject(record.deadLetter, ctx);
      return;
    }
    ChannelEvent event = record.event;
    long watermark = ctx.timerService().currentWatermark();
    if (!event.type.isCatalog() && Windows.isEmitted(event.time, watermark)) {
      reject(record.reject(RejectReason.LATE, Windows.lateDetail(event.time, watermark)), ctx);
      return;
    }
    accepted.inc();
    out.collect(event);
  }

  private void reject(DeadLetter letter, Context ctx) {
    rejected.get(RejectReason.valueOf(letter.reason.toUpperCase(java.util.Locale.ROOT))).inc();
    ctx.output(DEAD_LETTERS, letter);
  }
}
