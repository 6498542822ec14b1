package org.channelwatch.detection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;
import org.channelwatch.indicators.Windows;

/**
 * Detects {@code offline_resubmission}: an applicant submits an item at the hall while a case of
 * theirs for it, submitted online within the lookback, is not terminal.
 *
 * <p>Immutable; fed one applicant's facts for one item in {@link CaseFact#IN_TIME_ORDER}.
 */
public final class OfflineResubmissionRule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long lookbackMillis;

  public OfflineResubmissionRule(Duration resubmissionLookback) {
    this.lookbackMillis = resubmissionLookback.toMillis();
  }

  /** Applies one fact and returns the incident changes. */
  public List<Incident> apply(CaseFact fact, ApplicantItemCases cases) {
    if (fact.kind == CaseFact.Kind.TERMINAL) {
      return onTerminal(fact, cases);
    }
    if (fact.submittedOn.isOnline()) {
      OnlineCase online = new OnlineCase(fact.caseId, fact.submittedOn, fact.time);
      cases.pendingOnline = Arrays.copyOf(cases.pendingOnline, cases.pendingOnline.length + 1);
      cases.pendingOnline[cases.pendingOnline.length - 1] = online;
      return List.of();
    }
    return onHallSubmission(fact, cases);
  }

  /**
   * Forgets the online cases no hall submission after event time {@code now} can pair with, since
   * they were submitted more than the lookback before it.
   */
  public void forgetExpired(ApplicantItemCases cases, long now) {
    cases.pendingOnline =
        Arrays.stream(cases.pendingOnline).filter(online -> online.submittedAt + lookbackMillis > now).toArray(OnlineCase[]::new);
  }

  /**
   * When an online case can be forgotten: the end of the minute holding its lookback's end, after
   * every hall submission that could still pair with it has been applied.
   */
  public long forgetAt(OnlineCase online) {
    return Windows.startOf(online.submittedAt + lookbackMillis) + Windows.SIZE_MILLIS - 1;
  }

  private List<Incident> onHallSubmission(CaseFact hall, ApplicantItemCases cases) {
    if (cases.open != null) {
      return List.of();
    }
    OnlineCase latest = null;
    for (OnlineCase online : cases.pendingOnline) {
      boolean withinLookback = online.submittedAt <= hall.time && hall.time - online.submittedAt <= lookbackMillis;
      if (withinLookback && !online.caseId.equals(hall.caseId) && (latest == null || isLater(online, latest))) {
        latest = online;
      }
    }
    if (latest == null) {
      return List.of();
    }
    cases.open = Incidents.opened(
        IncidentKind.OFFLINE_RESUBMISSION, hall.region, null, hall.itemCode, hall.applicantId,
        new String[] {hall.caseId, latest.caseId}, hall.time, details(hall, latest));
    return List.of(Incidents.copy(cases.open));
  }

  private List<Incident> onTerminal(CaseFact terminal, ApplicantItemCases cases) {
    cases.pendingOnline =
        Arrays.stream(cases.pendingOnline).filter(online -> !online.caseId.equals(terminal.caseId)).toArray(OnlineCase[]::new);
    List<Incident> changes = new ArrayList<>();
    if (cases.open != null && Arrays.asList(cases.open.caseIds).contains(terminal.caseId)) {
      changes.add(Incidents.resolved(cases.open, terminal.time));
      cases.open = null;
    }
    return changes;
  }

  private static boolean isLater(OnlineCase a, OnlineCase b) {
    return a.submittedAt != b.submittedAt ? a.submittedAt > b.submittedAt : a.caseId.compareTo(b.caseId) > 0;
  }

  private static ObjectNode details(CaseFact hall, OnlineCase online) {
    ObjectNode details = Incidents.details();
    details.put("hallCaseId", hall.caseId);
    details.put("onlineCaseId", online.caseId);
    details.put("onlineChannel", online.channel.wireName());
    details.put("onlineSubmittedAt", Instant.ofEpochMilli(online.submittedAt).toString());
    return details;
  }
}
