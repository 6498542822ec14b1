package org.channelwatch.detection;

import org.channelwatch.domain.Channel;

/**
 * A case an applicant submitted on an online channel that is not terminal yet.
 *
 * <p>A Flink POJO kept in state.
 */
public class OnlineCase {
  public String caseId;
  public Channel channel;
  public long submittedAt;

  public OnlineCase() {}

  public OnlineCase(String caseId, Channel channel, long submittedAt) {
    this.caseId = caseId;
    this.channel = channel;
    this.submittedAt = submittedAt;
  }
}
