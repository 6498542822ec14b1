package org.channelwatch.detection;

import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;

/**
 * What detection remembers of one case: its submission, the first terminal report of each channel,
 * and its {@code status_not_synced} incident.
 *
 * <p>A Flink POJO kept in state. Status reports may precede the submission in event time, so the
 * submission fields can be null while reports are already known.
 */
public class CaseRecord {
  /** Null until the case's {@code gov.case.submitted} has been seen. */
  public Channel submittedOn;
  public String applicantId;
  public String itemCode;
  public Long submittedAt;
  /** At most one per channel: a channel's first terminal report. */
  public TerminalReport[] terminalReports = new TerminalReport[0];
  /** True once the case's submission and first terminal report went to the resubmission rule. */
  public boolean terminalShared;
  /** True once the sync deadline has been judged, so it is judged once. */
  public boolean syncJudged;
  /** The open {@code status_not_synced}, or null. */
  public Incident notSynced;
  /** Event time of the case's latest event, from which it is forgotten after the retention. */
  public long lastEventAt;

  public CaseRecord() {}

  public boolean isSubmitted() {
    return submittedOn != null;
  }

  /** The first terminal report by {@code channel}, or null. */
  public TerminalReport terminalReportOf(Channel channel) {
    for (TerminalReport report : terminalReports) {
      if (report.channel == channel) {
        return report;
      }
    }
    return null;
  }

  /** The earliest terminal report by any channel, or null. */
  public TerminalReport firstTerminalReport() {
    return earliest(null);
  }

  /** The earliest terminal report by a channel other than the submitting one, or null. */
  public TerminalReport firstReportByAnotherChannel() {
    return isSubmitted() ? earliest(submittedOn) : null;
  }

  private TerminalReport earliest(Channel excluded) {
    TerminalReport first = null;
    for (TerminalReport report : terminalReports) {
      if (report.channel == excluded) {
        continue;
      }
      // Ties go to the channel declared first, so that the choice never depends on arrival order.
      if (first == null
          || report.reportedAt < first.reportedAt
          || (report.reportedAt == first.reportedAt && report.channel.ordinal() < first.channel.ordinal())) {
        first = report;
      }
    }
    return first;
  }
}
