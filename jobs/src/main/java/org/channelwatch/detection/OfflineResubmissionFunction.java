package org.channelwatch.detection;

import java.util.List;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.channelwatch.domain.Incident;
import org.channelwatch.state.HeldElements;
import org.channelwatch.state.HoldsElements;

/**
 * Applies one applicant's case facts for one item to the {@link OfflineResubmissionRule}. Keyed by
 * {@code region:applicantId:itemCode}.
 *
 * <p>Facts of different cases come from different subtasks of the case operator, in any
 * interleaving; they wait for their minute to close and are then applied in time order. An online
 * case is forgotten when it ends or when its lookback has passed, so the state empties by itself.
 */
@VisibleForTesting
public final class OfflineResubmissionFunction extends KeyedProcessFunction<String, CaseFact, Incident>
    implements HoldsElements<String, CaseFact> {
  private static final long serialVersionUID = 1L;

  private final DetectionSettings settings;
  private final OfflineResubmissionRule rule;
  // The facts whose minute has not closed yet, by the minute's closing time.
  private transient HeldElements<String, CaseFact> pendingFacts;
  private transient ValueState<ApplicantItemCases> applicantItemCases;

  public OfflineResubmissionFunction(DetectionSettings settings) {
    this.settings = settings;
    this.rule = new OfflineResubmissionRule(settings.resubmissionLookback());
  }

  @Override
  public void open(OpenContext openContext) {
    applicantItemCases = getRuntimeContext().getState(DetectionGraph.StateDescriptors.applicantItemCases(settings));
  }

  @Override
  public TypeInformation<CaseFact> heldType() {
    return TypeInformation.of(CaseFact.class);
  }

  @Override
  public void holdIn(HeldElements<String, CaseFact> held) {
    this.pendingFacts = held;
  }

  @Override
  public void processElement(CaseFact fact, Context ctx, Collector<Incident> out) throws Exception {
    long closesAt = ClosedMinutes.closesAt(fact.time);
    pendingFacts.add(ctx.getCurrentKey(), closesAt, fact);
    ctx.timerService().registerEventTimeTimer(closesAt);
  }

  @Override
  public void onTimer(long now, OnTimerContext ctx, Collector<Incident> out) throws Exception {
    List<CaseFact> closed = ClosedMinutes.takeClosed(pendingFacts, ctx.getCurrentKey(), now, CaseFact.IN_TIME_ORDER);
    ApplicantItemCases cases = applicantItemCases.value();
    if (cases == null) {
      cases = new ApplicantItemCases();
    }
    OnlineCase[] pendingBefore = cases.pendingOnline;
    for (CaseFact fact : closed) {
      rule.apply(fact, cases).forEach(out::collect);
    }
    rule.forgetExpired(cases, now);
    for (OnlineCase online : cases.pendingOnline) {
      ClosedMinutes.registerLater(ctx.timerService(), rule.forgetAt(online), now);
    }
    for (OnlineCase gone : pendingBefore) {
      dropTimerOfEndedCase(gone, cases, now, ctx);
    }
    if (cases.isEmpty()) {
      applicantItemCases.clear();
    } else {
      applicantItemCases.update(cases);
    }
  }

  /** An online case that ended early no longer needs its lookback timer, unless others share it. */
  private void dropTimerOfEndedCase(OnlineCase gone, ApplicantItemCases cases, long now, OnTimerContext ctx)
      throws Exception {
    long timer = rule.forgetAt(gone);
    if (timer <= now || pendingFacts.holdsAt(ctx.getCurrentKey(), timer)) {
      return;
    }
    for (OnlineCase online : cases.pendingOnline) {
      if (online.caseId.equals(gone.caseId) || rule.forgetAt(online) == timer) {
        return;
      }
    }
    ctx.timerService().deleteEventTimeTimer(timer);
  }
}
