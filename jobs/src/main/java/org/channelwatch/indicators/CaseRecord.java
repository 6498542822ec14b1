package org.channelwatch.indicators;

import java.util.Arrays;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;

/**
 * What a region knows of one case until it has ended and been counted.
 *
 * <p>A Flink POJO. Events of a case may arrive in any order within the watermark's bound, so a
 * record can exist before its submission is seen: {@link #submittedAt} is null until then.
 */
public class CaseRecord {
  public String caseId;
  /** Event time of the submission; null until it is seen. */
  public Long submittedAt;
  public Channel submittedOn;
  public String applicantId;
  public String itemCode;
  /** Event time of the first terminal report; null while the case is open. */
  public Long endedAt;
  public CaseStatus endStatus;
  /** Times of the {@code submit} and {@code supplement} hall visits linked to the case. */
  public long[] hallVisitTimes = new long[0];
  /** Latest event time of any event about the case, for the time-to-live of cases that never end. */
  public long lastEventAt;

  public CaseRecord() {}

  public CaseRecord(String caseId) {
    this.caseId = caseId;
  }

  public boolean isSubmitted() {
    return submittedAt != null;
  }

  public boolean hasEnded() {
    return endedAt != null;
  }

  /** Whether the case had not yet ended at {@code time}. */
  public boolean isOpenAt(long time) {
    return endedAt == null || endedAt > time;
  }

  public boolean isCompleted() {
    return endStatus == CaseStatus.COMPLETED;
  }

  public boolean wasSubmittedOnline() {
    return submittedOn != null && submittedOn.isOnline();
  }

  /** Whether a linked hall visit falls between submission and completion, both inclusive. */
  public boolean hadHallVisitBeforeCompletion() {
    for (long visit : hallVisitTimes) {
      if (submittedAt != null && endedAt != null && visit >= submittedAt && visit <= endedAt) {
        return true;
      }
    }
    return false;
  }

  public void linkHallVisit(long time) {
    for (long known : hallVisitTimes) {
      if (known == time) {
        return;
      }
    }
    hallVisitTimes = Arrays.copyOf(hallVisitTimes, hallVisitTimes.length + 1);
    hallVisitTimes[hallVisitTimes.length - 1] = time;
  }

  public void noteEventAt(long time) {
    lastEventAt = Math.max(lastEventAt, time);
  }
}
