package org.channelwatch.detection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;
import org.channelwatch.indicators.Windows;

/**
 * Keeps one case's record and detects {@code status_not_synced}: another channel reported the case
 * terminal, and the channel it was submitted on has not followed within the SLA.
 *
 * <p>Immutable; fed the case's events in event-time order. The deadline is judged once the minute
 * holding it has closed, so a report just before the deadline always counts.
 */
public final class StatusSyncRule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long slaMillis;

  public StatusSyncRule(Duration statusSyncSla) {
    this.slaMillis = statusSyncSla.toMillis();
  }

  /**
   * Records a {@code gov.case.submitted}; false when the case was already submitted, since a
   * {@code caseId} is submitted once per region and a later submission is ignored.
   */
  public boolean recordSubmission(CaseRecord record, ChannelEvent submitted) {
    record.lastEventAt = Math.max(record.lastEventAt, submitted.time);
    if (record.isSubmitted()) {
      return false;
    }
    record.submittedOn = submitted.channel;
    record.applicantId = submitted.applicantId;
    record.itemCode = submitted.itemCode;
    record.submittedAt = submitted.time;
    return true;
  }

  /**
   * Records a {@code gov.case.status} and returns the resolution of the case's incident when this
   * is the submitting channel catching up; otherwise null.
   */
  public Incident recordStatus(CaseRecord record, Channel channel, CaseStatus status, long reportedAt) {
    record.lastEventAt = Math.max(record.lastEventAt, reportedAt);
    if (!status.isTerminal() || record.terminalReportOf(channel) != null) {
      return null;
    }
    record.terminalReports = Arrays.copyOf(record.terminalReports, record.terminalReports.length + 1);
    record.terminalReports[record.terminalReports.length - 1] = new TerminalReport(channel, reportedAt, status);
    if (record.notSynced != null && channel == record.submittedOn) {
      Incident resolved = Incidents.resolved(record.notSynced, reportedAt);
      record.notSynced = null;
      return resolved;
    }
    return null;
  }

  /**
   * The end of the minute holding the case's sync deadline, when it can be judged; null when there
   * is nothing to judge.
   */
  public Long judgeAt(CaseRecord record) {
    TerminalReport foreign = record.firstReportByAnotherChannel();
    if (foreign == null || record.syncJudged) {
      return null;
    }
    return Windows.startOf(foreign.reportedAt + slaMillis) + Windows.SIZE_MILLIS - 1;
  }

  /**
   * Judges the sync deadline at event time {@code now}: opens the incident when the submitting
   * channel had no terminal report by then (and resolves it at once if the report came later in
   * the same minute).
   *
   * @param endOfInput true when {@code now} comes from the end of a bounded input rather than from
   *     time passing
   */
  public List<Incident> onTime(String region, String caseId, CaseRecord record, long now, boolean endOfInput) {
    Long judgeAt = judgeAt(record);
    if (endOfInput || judgeAt == null || now < judgeAt) {
      return List.of();
    }
    record.syncJudged = true;
    TerminalReport foreign = record.firstReportByAnotherChannel();
    long deadline = foreign.reportedAt + slaMillis;
    TerminalReport own = record.terminalReportOf(record.submittedOn);
    if (own != null && own.reportedAt <= deadline) {
      return List.of();
    }
    List<Incident> changes = new ArrayList<>();
    Incident open = Incidents.opened(
        IncidentKind.STATUS_NOT_SYNCED, region, null, null, null, new String[] {caseId}, foreign.reportedAt,
        details(record, foreign));
    changes.add(open);
    if (own != null) {
      changes.add(Incidents.resolved(open, own.reportedAt));
    } else {
      record.notSynced = Incidents.copy(open);
    }
    return changes;
  }

  private ObjectNode details(CaseRecord record, TerminalReport foreign) {
    ObjectNode details = Incidents.details();
    details.put("submittedOn", record.submittedOn.wireName());
    details.put("itemCode", record.itemCode);
    details.put("reportedBy", foreign.channel.wireName());
    details.put("reportedStatus", foreign.status.wireName());
    details.put("slaMinutes", slaMillis / 60_000.0);
    return details;
  }
}
