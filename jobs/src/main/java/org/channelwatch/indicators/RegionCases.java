package org.channelwatch.indicators;

import java.util.Arrays;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.VisitPurpose;

/**
 * One region's open cases, the hall visits linked to them, and the ids of cases that ended.
 *
 * <p>Not thread-safe; one instance serves one region's state at a time. A case ends at its first
 * terminal report but is only counted and forgotten by {@link #close} when the window of that report
 * is written, so that its submission or a visit arriving later, yet within the watermark's bound, is
 * still taken into account. After that only its id is remembered, for {@link
 * IndicatorSettings#endedCaseMemory()}, so that a later submission or report of it changes nothing.
 */
public final class RegionCases {
  private final KeyValueStore<String, CaseRecord> cases;
  private final KeyValueStore<String, String[]> caseIdsByApplicantAndItem;
  private final KeyValueStore<String, Long> endedCaseIds;
  private final IndicatorSettings settings;

  /**
   * @param cases open cases, and ended ones not yet counted, by case id
   * @param caseIdsByApplicantAndItem submitted cases by {@link #applicantAndItem}, to link visits
   *     that carry no case id
   * @param endedCaseIds when each counted case ended, by case id
   */
  public RegionCases(
      KeyValueStore<String, CaseRecord> cases,
      KeyValueStore<String, String[]> caseIdsByApplicantAndItem,
      KeyValueStore<String, Long> endedCaseIds,
      IndicatorSettings settings) {
    this.cases = cases;
    this.caseIdsByApplicantAndItem = caseIdsByApplicantAndItem;
    this.endedCaseIds = endedCaseIds;
    this.settings = settings;
  }

  /**
   * Records a {@code gov.case.submitted}.
   *
   * @return true when it counts as a submission: the first one of this case id in the region
   */
  public boolean submit(ChannelEvent event) {
    if (endedCaseIds.get(event.caseId) != null) {
      return false;
    }
    CaseRecord record = cases.get(event.caseId);
    if (record == null) {
      record = new CaseRecord(event.caseId);
    } else if (record.isSubmitted()) {
      return false;
    }
    record.submittedAt = event.time;
    record.submittedOn = event.channel;
    record.applicantId = event.applicantId;
    record.itemCode = event.itemCode;
    record.noteEventAt(event.time);
    cases.put(event.caseId, record);
    String key = applicantAndItem(event.applicantId, event.itemCode);
    String[] ids = caseIdsByApplicantAndItem.get(key);
    caseIdsByApplicantAndItem.put(key, with(ids, event.caseId));
    return true;
  }

  /**
   * Records a {@code gov.case.status}. Only the first terminal report of a case matters.
   *
   * @return true when the report ends the case: the caller then lists the case id in the window of
   *     the report and calls {@link #close} when that window is written
   */
  public boolean report(ChannelEvent event) {
    if (!event.status.isTerminal() || endedCaseIds.get(event.caseId) != null) {
      return false;
    }
    CaseRecord record = cases.get(event.caseId);
    if (record == null) {
      record = new CaseRecord(event.caseId);
    } else if (record.hasEnded()) {
      return false;
    }
    record.endedAt = event.time;
    record.endStatus = event.status;
    record.noteEventAt(event.time);
    cases.put(event.caseId, record);
    return true;
  }

  /**
   * Links a {@code submit} or {@code supplement} hall visit to its case: the one named by its case
   * id, or else the most recently submitted of the applicant's cases for the item that was
   * submitted at or before the visit and had not ended by then.
   */
  public void visit(ChannelEvent event) {
    if (event.purpose != VisitPurpose.SUBMIT && event.purpose != VisitPurpose.SUPPLEMENT) {
      return;
    }
    CaseRecord record;
    if (event.caseId != null) {
      if (endedCaseIds.get(event.caseId) != null) {
        return;
      }
      record = cases.get(event.caseId);
      if (record == null) {
        // The visit came before the submission: keep it for when the submission arrives.
        record = new CaseRecord(event.caseId);
        record.applicantId = event.applicantId;
        record.itemCode = event.itemCode;
      }
    } else {
      record = latestOpenCaseBefore(event.applicantId, event.itemCode, event.time);
      if (record == null) {
        return;
      }
    }
    record.linkHallVisit(event.time);
    record.noteEventAt(event.time);
    cases.put(record.caseId, record);
  }

  private CaseRecord latestOpenCaseBefore(String applicantId, String itemCode, long time) {
    String[] ids = caseIdsByApplicantAndItem.get(applicantAndItem(applicantId, itemCode));
    if (ids == null) {
      return null;
    }
    CaseRecord latest = null;
    for (String id : ids) {
      CaseRecord candidate = cases.get(id);
      if (candidate == null || candidate.submittedAt > time || !candidate.isOpenAt(time)) {
        continue;
      }
      // Ties on submission time go to the greater case id, so the choice never depends on order.
      if (latest == null
          || candidate.submittedAt > latest.submittedAt
          || (candidate.submittedAt.equals(latest.submittedAt) && candidate.caseId.compareTo(latest.caseId) > 0)) {
        latest = candidate;
      }
    }
    return latest;
  }

  /**
   * Forgets an ended case once the window of its end is written, remembering only its id.
   *
   * @return the case as it ended, to be counted; null when it is not known or has not ended
   */
  public CaseRecord close(String caseId) {
    CaseRecord record = cases.get(caseId);
    if (record == null || !record.hasEnded()) {
      return null;
    }
    forget(record);
    endedCaseIds.put(caseId, record.endedAt);
    return record;
  }

  /**
   * Drops open cases without any event for {@link IndicatorSettings#caseTimeToLive()} and ended case
   * ids older than {@link IndicatorSettings#endedCaseMemory()}.
   *
   * @param now the event time to measure against, such as the end of the window being written
   */
  public void expire(long now) {
    long openCutoff = now - settings.caseTimeToLive().toMillis();
    for (String caseId : cases.keys()) {
      CaseRecord record = cases.get(caseId);
      if (!record.hasEnded() && record.lastEventAt <= openCutoff) {
        forget(record);
      }
    }
    long endedCutoff = now - settings.endedCaseMemory().toMillis();
    for (String caseId : endedCaseIds.keys()) {
      if (endedCaseIds.get(caseId) <= endedCutoff) {
        endedCaseIds.remove(caseId);
      }
    }
  }

  private void forget(CaseRecord record) {
    cases.remove(record.caseId);
    if (record.isSubmitted()) {
      String key = applicantAndItem(record.applicantId, record.itemCode);
      String[] remaining = without(caseIdsByApplicantAndItem.get(key), record.caseId);
      if (remaining.length == 0) {
        caseIdsByApplicantAndItem.remove(key);
      } else {
        caseIdsByApplicantAndItem.put(key, remaining);
      }
    }
  }

  /** The key of {@code caseIdsByApplicantAndItem}. */
  static String applicantAndItem(String applicantId, String itemCode) {
    return applicantId + '\u0000' + itemCode;
  }

  private static String[] with(String[] ids, String id) {
    if (ids == null) {
      return new String[] {id};
    }
    String[] longer = Arrays.copyOf(ids, ids.length + 1);
    longer[ids.length] = id;
    return longer;
  }

  private static String[] without(String[] ids, String id) {
    if (ids == null) {
      return new String[0];
    }
    return Arrays.stream(ids).filter(other -> !other.equals(id)).toArray(String[]::new);
  }
}
