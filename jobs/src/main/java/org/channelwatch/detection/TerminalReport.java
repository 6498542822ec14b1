package org.channelwatch.detection;

import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;

/**
 * The first terminal status one channel's system reported for a case.
 *
 * <p>A Flink POJO kept in state.
 */
public class TerminalReport {
  public Channel channel;
  public long reportedAt;
  public CaseStatus status;

  public TerminalReport() {}

  public TerminalReport(Channel channel, long reportedAt, CaseStatus status) {
    this.channel = channel;
    this.reportedAt = reportedAt;
    this.status = status;
  }
}
