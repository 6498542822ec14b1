package org.channelwatch.detection;

import java.util.Comparator;
import org.channelwatch.domain.Channel;

/**
 * One step in a case's life, as the resubmission rule needs it: its submission, or the first
 * terminal report for it from any channel.
 *
 * <p>A Flink POJO, passed from the operator keyed by case to the one keyed by applicant and item.
 */
public class CaseFact {
  public Kind kind;
  public String region;
  public String caseId;
  public String applicantId;
  public String itemCode;
  /** The channel the case was submitted on. */
  public Channel submittedOn;
  /** Event time of the submission, or of the first terminal report. */
  public long time;

  public CaseFact() {}

  /** What happened to the case. */
  public enum Kind {
    SUBMITTED,
    TERMINAL
  }

  /**
   * Time order, with a fixed order for facts at the same millisecond: online submissions, their
   * terminal reports, hall submissions, theirs. So a hall submission never pairs with an online
   * case that became terminal at that same instant, and a case is submitted before it ends.
   */
  public static final Comparator<CaseFact> IN_TIME_ORDER =
      Comparator.comparingLong((CaseFact fact) -> fact.time)
          .thenComparingInt(CaseFact::rankAtSameInstant)
          .thenComparing(fact -> fact.caseId);

  private static int rankAtSameInstant(CaseFact fact) {
    int hall = fact.submittedOn.isOnline() ? 0 : 2;
    return hall + (fact.kind == Kind.TERMINAL ? 1 : 0);
  }

  @Override
  public String toString() {
    return kind + " " + region + "/" + caseId + " at " + time;
  }
}
