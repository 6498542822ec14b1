package org.channelwatch.detection;

import java.util.Comparator;
import java.util.List;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Incident;
import org.channelwatch.state.HeldElements;
import org.channelwatch.state.HoldsElements;

/**
 * Follows one case through its submission and status reports, detects {@code status_not_synced}
 * with the {@link StatusSyncRule}, and passes the case's submission and end to the resubmission
 * rule as {@link CaseFact}s. Keyed by {@code region:caseId}.
 *
 * <p>Events wait for their minute to close and are then applied in time order. The case is
 * remembered for {@link DetectionSettings#caseRetention()} of event time after its last event, so
 * that a repeated submission is ignored and a late status still finds its submitting channel.
 */
@VisibleForTesting
public final class CaseLifecycleFunction extends KeyedProcessFunction<String, ChannelEvent, Incident>
    implements HoldsElements<String, ChannelEvent> {
  private static final long serialVersionUID = 1L;

  /** Submissions and first terminal reports, for the resubmission rule. */
  public static final OutputTag<CaseFact> CASE_FACTS = new OutputTag<>("case-facts", TypeInformation.of(CaseFact.class));

  /** Time order; at one instant a submission before a status, then a fixed order of the rest. */
  static final Comparator<ChannelEvent> IN_TIME_ORDER =
      Comparator.comparingLong((ChannelEvent event) -> event.time)
          .thenComparing(event -> event.type)
          .thenComparing(event -> event.channel)
          .thenComparing(event -> event.status, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(event -> event.source)
          .thenComparing(event -> event.id);

  private final DetectionSettings settings;
  private final StatusSyncRule rule;
  private final long retentionMillis;
  // The case's events whose minute has not closed yet, by the minute's closing time.
  private transient HeldElements<String, ChannelEvent> pendingEvents;
  private transient ValueState<CaseRecord> caseRecord;

  public CaseLifecycleFunction(DetectionSettings settings) {
    this.settings = settings;
    this.rule = new StatusSyncRule(settings.statusSyncSla());
    this.retentionMillis = settings.caseRetention().toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    caseRecord = getRuntimeContext().getState(DetectionGraph.StateDescriptors.caseRecord(settings));
  }

  @Override
  public TypeInformation<ChannelEvent> heldType() {
    return TypeInformation.of(ChannelEvent.class);
  }

  @Override
  public void holdIn(HeldElements<String, ChannelEvent> held) {
    this.pendingEvents = held;
  }

  @Override
  public void processElement(ChannelEvent event, Context ctx, Collector<Incident> out) throws Exception {
    long closesAt = ClosedMinutes.closesAt(event.time);
    pendingEvents.add(ctx.getCurrentKey(), closesAt, event);
    ctx.timerService().registerEventTimeTimer(closesAt);
  }

  @Override
  public void onTimer(long now, OnTimerContext ctx, Collector<Incident> out) throws Exception {
    List<ChannelEvent> closed = ClosedMinutes.takeClosed(pendingEvents, ctx.getCurrentKey(), now, IN_TIME_ORDER);
    CaseRecord record = caseRecord.value();
    if (record == null) {
      if (closed.isEmpty()) {
        return; // a timer of a case already forgotten
      }
      record = new CaseRecord();
    }
    String region = DetectionKeys.region(ctx.getCurrentKey());
    String caseId = DetectionKeys.rest(ctx.getCurrentKey());
    Long forgetAtBefore = record.lastEventAt == 0 ? null : forgetAt(record);

    for (ChannelEvent event : closed) {
      if (event.type == EventType.CASE_SUBMITTED) {
        if (rule.recordSubmission(record, event)) {
          ctx.output(CASE_FACTS, fact(CaseFact.Kind.SUBMITTED, region, caseId, record, record.submittedAt));
        }
      } else {
        Incident resolved = rule.recordStatus(record, event.channel, event.status, event.time);
        if (resolved != null) {
          out.collect(resolved);
        }
      }
      shareTerminalOnce(region, caseId, record, ctx);
    }
    rule.onTime(region, caseId, record, now, ClosedMinutes.isEndOfInput(ctx.timerService())).forEach(out::collect);

    TimerService timers = ctx.timerService();
    long forgetAt = forgetAt(record);
    if (now >= forgetAt && !pendingEvents.holdsAny(ctx.getCurrentKey())) {
      caseRecord.clear();
      return;
    }
    if (forgetAtBefore != null && forgetAtBefore != forgetAt && forgetAtBefore > now
        && !isNeeded(ctx.getCurrentKey(), forgetAtBefore, record)) {
      timers.deleteEventTimeTimer(forgetAtBefore);
    }
    // Past the retention with events still pending: the next pending minute's timer comes back.
    ClosedMinutes.registerLater(timers, forgetAt, now);
    Long judgeAt = rule.judgeAt(record);
    if (judgeAt != null) {
      ClosedMinutes.registerLater(timers, judgeAt, now);
    }
    caseRecord.update(record);
  }

  /** The case's submission and its first terminal report, once both are known, go on once. */
  private void shareTerminalOnce(String region, String caseId, CaseRecord record, OnTimerContext ctx) {
    TerminalReport first = record.firstTerminalReport();
    if (record.terminalShared || !record.isSubmitted() || first == null) {
      return;
    }
    record.terminalShared = true;
    // A report dated before the submission still ends the case after it was submitted.
    ctx.output(CASE_FACTS, fact(CaseFact.Kind.TERMINAL, region, caseId, record, Math.max(first.reportedAt, record.submittedAt)));
  }

  private long forgetAt(CaseRecord record) {
    return ClosedMinutes.closesAt(record.lastEventAt + retentionMillis);
  }

  /** Whether a timer still serves a pending minute or the sync deadline. */
  private boolean isNeeded(String key, long timer, CaseRecord record) {
    Long judgeAt = rule.judgeAt(record);
    if (judgeAt != null && judgeAt == timer) {
      return true;
    }
    return pendingEvents.holdsAt(key, timer);
  }

  private static CaseFact fact(CaseFact.Kind kind, String region, String caseId, CaseRecord record, long time) {
    CaseFact fact = new CaseFact();
    fact.kind = kind;
    fact.region = region;
    fact.caseId = caseId;
    fact.applicantId = record.applicantId;
    fact.itemCode = record.itemCode;
    fact.submittedOn = record.submittedOn;
    fact.time = time;
    return fact;
  }
}
