package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.indicators.TestEvents.MINUTE;
import static org.channelwatch.indicators.TestEvents.SECOND;
import static org.channelwatch.indicators.TestEvents.T0;
import static org.channelwatch.indicators.TestEvents.status;
import static org.channelwatch.indicators.TestEvents.submitted;
import static org.channelwatch.indicators.TestEvents.visit;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.VisitPurpose;
import org.junit.jupiter.api.Test;

class RegionCasesTest {

  private static final String ALICE = "applicant-alice";
  private static final String ITEM = "330000-XK-0001";

  private final CopyingStore<String, CaseRecord> open = CopyingStore.of(CaseRecord.class);
  private final CopyingStore<String, String[]> byApplicant = new CopyingStore<>(Types.OBJECT_ARRAY(Types.STRING));
  private final CopyingStore<String, Long> ended = new CopyingStore<>(Types.LONG);
  private final IndicatorSettings settings =
      IndicatorSettings.defaults().withCaseTimeToLive(Duration.ofDays(30)).withEndedCaseMemory(Duration.ofHours(1));
  private final RegionCases cases = new RegionCases(open, byApplicant, ended, settings);

  /** Ends a case at {@code time} and closes it as the window's end would. */
  private CaseRecord complete(String caseId, Channel channel, long time) {
    assertThat(cases.report(status(caseId, CaseStatus.COMPLETED, channel, time))).isTrue();
    return cases.close(caseId);
  }

  @Test
  void countsASubmissionOncePerCaseId() {
    assertThat(cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0))).isTrue();
    assertThat(cases.submit(submitted("C1", ALICE, ITEM, Channel.HALL, T0 + SECOND))).isFalse();
    assertThat(open.get("C1").submittedOn).isEqualTo(Channel.WEB);
  }

  @Test
  void aSubmissionAfterTheCaseEndedIsStillIgnored() {
    cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0));
    complete("C1", Channel.WEB, T0 + MINUTE);
    assertThat(cases.submit(submitted("C1", ALICE, ITEM, Channel.APP, T0 + 2 * MINUTE))).isFalse();
  }

  @Test
  void theFirstTerminalReportEndsTheCaseAndLaterOnesChangeNothing() {
    cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0));
    assertThat(cases.report(status("C1", CaseStatus.ACCEPTED, Channel.WEB, T0 + SECOND))).isFalse();
    assertThat(cases.report(status("C1", CaseStatus.COMPLETED, Channel.HALL, T0 + 2 * SECOND))).isTrue();
    assertThat(cases.report(status("C1", CaseStatus.COMPLETED, Channel.WEB, T0 + 3 * SECOND))).isFalse();
    CaseRecord closed = cases.close("C1");
    assertThat(closed.isCompleted()).isTrue();
    assertThat(closed.endedAt).isEqualTo(T0 + 2 * SECOND);
    // Reported again after it was counted: still nothing.
    assertThat(cases.report(status("C1", CaseStatus.COMPLETED, Channel.WEB, T0 + 2 * MINUTE))).isFalse();
  }

  @Test
  void aRejectionFirstMeansTheCaseIsNotCompleted() {
    cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0));
    cases.report(status("C1", CaseStatus.REJECTED, Channel.WEB, T0 + SECOND));
    cases.report(status("C1", CaseStatus.COMPLETED, Channel.HALL, T0 + 2 * SECOND));
    assertThat(cases.close("C1").isCompleted()).isFalse();
  }

  @Test
  void anOnlineCaseWithoutHallVisitsIsZeroVisit() {
    cases.submit(submitted("C1", ALICE, ITEM, Channel.APP, T0));
    CaseRecord closed = complete("C1", Channel.APP, T0 + MINUTE);
    assertThat(closed.wasSubmittedOnline()).isTrue();
    assertThat(closed.hadHallVisitBeforeCompletion()).isFalse();
  }

  @Test
  void aVisitLinksByCaseId() {
    cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0));
    cases.submit(submitted("C2", ALICE, ITEM, Channel.WEB, T0 + SECOND));
    cases.visit(visit(ALICE, ITEM, VisitPurpose.SUPPLEMENT, "C1", T0 + 10 * SECOND));
    assertThat(complete("C1", Channel.WEB, T0 + MINUTE).hadHallVisitBeforeCompletion()).isTrue();
    assertThat(complete("C2", Channel.WEB, T0 + MINUTE).hadHallVisitBeforeCompletion()).isFalse();
  }

  @Test
  void aVisitWithoutCaseIdLinksToTheMostRecentlySubmittedOpenCaseOfTheItem() {
    cases.submit(submitted("older", ALICE, ITEM, Channel.WEB, T0));
    cases.submit(submitted("newer", ALICE, ITEM, Channel.APP, T0 + SECOND));
    cases.submit(submitted("otherItem", ALICE, "OTHER", Channel.APP, T0 + 2 * SECOND));
    cases.submit(submitted("afterVisit", ALICE, ITEM, Channel.APP, T0 + 20 * SECOND));
    cases.visit(visit(ALICE, ITEM, VisitPurpose.SUBMIT, null, T0 + 10 * SECOND));
    assertThat(complete("newer", Channel.APP, T0 + MINUTE).hadHallVisitBeforeCompletion()).isTrue();
    assertThat(complete("older", Channel.WEB, T0 + MINUTE).hadHallVisitBeforeCompletion()).isFalse();
    assertThat(complete("otherItem", Channel.APP, T0 + MINUTE).hadHallVisitBeforeCompletion()).isFalse();
    assertThat(complete("afterVisit", Channel.APP, T0 + MINUTE).hadHallVisitBeforeCompletion()).isFalse();
  }

  @Test
  void aVisitWithoutCaseIdSkipsCasesThatHadEndedByThen() {
    cases.submit(submitted("older", ALICE, ITEM, Channel.WEB, T0));
    cases.submit(submitted("newer", ALICE, ITEM, Channel.APP, T0 + SECOND));
    cases.report(status("newer", CaseStatus.WITHDRAWN, Channel.APP, T0 + 5 * SECOND));
    cases.visit(visit(ALICE, ITEM, VisitPurpose.SUPPLEMENT, null, T0 + 10 * SECOND));
    assertThat(complete("older", Channel.WEB, T0 + MINUTE).hadHallVisitBeforeCompletion()).isTrue();
  }

  @Test
  void onlySubmitAndSupplementVisitsCount() {
    cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0));
    cases.visit(visit(ALICE, ITEM, VisitPurpose.CONSULT, "C1", T0 + SECOND));
    cases.visit(visit(ALICE, ITEM, VisitPurpose.PICKUP, null, T0 + 2 * SECOND));
    assertThat(complete("C1", Channel.WEB, T0 + MINUTE).hadHallVisitBeforeCompletion()).isFalse();
  }

  @Test
  void aVisitAfterCompletionDoesNotCount() {
    cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0));
    cases.report(status("C1", CaseStatus.COMPLETED, Channel.WEB, T0 + 10 * SECOND));
    // Arrives before the window is written, but happened after completion.
    cases.visit(visit(ALICE, ITEM, VisitPurpose.SUBMIT, "C1", T0 + 20 * SECOND));
    assertThat(cases.close("C1").hadHallVisitBeforeCompletion()).isFalse();
  }

  @Test
  void eventsOfACaseMayArriveBeforeItsSubmission() {
    cases.visit(visit(ALICE, ITEM, VisitPurpose.SUPPLEMENT, "C1", T0 + 5 * SECOND));
    cases.report(status("C1", CaseStatus.COMPLETED, Channel.WEB, T0 + 10 * SECOND));
    assertThat(cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0))).isTrue();
    CaseRecord closed = cases.close("C1");
    assertThat(closed.wasSubmittedOnline()).isTrue();
    assertThat(closed.hadHallVisitBeforeCompletion()).isTrue();
  }

  @Test
  void forgetsACaseOnceClosedAndItsIdAfterTheMemory() {
    cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0));
    cases.visit(visit(ALICE, ITEM, VisitPurpose.SUBMIT, null, T0 + SECOND));
    complete("C1", Channel.WEB, T0 + MINUTE);
    assertThat(open.size()).isZero();
    assertThat(byApplicant.size()).isZero();
    assertThat(ended.size()).isEqualTo(1);

    cases.expire(T0 + MINUTE + Duration.ofMinutes(59).toMillis());
    assertThat(ended.size()).isEqualTo(1);
    cases.expire(T0 + MINUTE + Duration.ofHours(1).toMillis());
    assertThat(ended.size()).isZero();
  }

  @Test
  void dropsCasesThatNeverEndAfterTheirTimeToLive() {
    cases.submit(submitted("C1", ALICE, ITEM, Channel.WEB, T0));
    cases.submit(submitted("C2", ALICE, ITEM, Channel.WEB, T0));
    cases.visit(visit(ALICE, ITEM, VisitPurpose.SUPPLEMENT, "C2", T0 + Duration.ofDays(10).toMillis()));
    cases.expire(T0 + Duration.ofDays(30).toMillis());
    assertThat(open.keys()).containsExactly("C2");
    assertThat(byApplicant.get(RegionCases.applicantAndItem(ALICE, ITEM))).containsExactly("C2");
    cases.expire(T0 + Duration.ofDays(40).toMillis());
    assertThat(open.size()).isZero();
    assertThat(byApplicant.size()).isZero();
  }
}
