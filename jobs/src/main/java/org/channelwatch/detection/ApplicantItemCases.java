package org.channelwatch.detection;

import org.channelwatch.domain.Incident;

/**
 * One applicant's cases for one item that matter to the resubmission rule: the online ones not
 * terminal yet, and the open {@code offline_resubmission}.
 *
 * <p>A Flink POJO kept in state; an array because an applicant has few cases per item.
 */
public class ApplicantItemCases {
  public OnlineCase[] pendingOnline = new OnlineCase[0];
  /** The open {@code offline_resubmission}, whose caseIds are the hall case and the online case. */
  public Incident open;

  public ApplicantItemCases() {}

  /** True when there is nothing left to remember. */
  public boolean isEmpty() {
    return pendingOnline.length == 0 && open == null;
  }
}
