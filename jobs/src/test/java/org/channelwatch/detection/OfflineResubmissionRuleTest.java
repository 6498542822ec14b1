package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.detection.TestEvents.minute;
import static org.channelwatch.detection.TestEvents.submittedFact;
import static org.channelwatch.detection.TestEvents.terminalFact;

import java.time.Duration;
import java.util.List;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.junit.jupiter.api.Test;

class OfflineResubmissionRuleTest {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private final OfflineResubmissionRule rule = new OfflineResubmissionRule(Duration.ofDays(30));
  private final ApplicantItemCases cases = new ApplicantItemCases();

  @Test
  void opensOnTheHallSubmissionAndResolvesWhenTheOnlineCaseEnds() {
    rule.apply(submittedFact(Channel.WEB, "W1", minute(0)), cases);
    List<Incident> opened = rule.apply(submittedFact(Channel.HALL, "H1", minute(0) + 3 * DAY), cases);

    assertThat(opened).singleElement().satisfies(incident -> {
      assertThat(incident.id()).isEqualTo("offline_resubmission:330000:applicant-0001:ITEM-1:" + (minute(0) + 3 * DAY));
      assertThat(incident.caseIds).containsExactly("H1", "W1");
    });
    List<Incident> resolved = rule.apply(terminalFact(Channel.WEB, "W1", minute(0) + 4 * DAY), cases);
    assertThat(resolved).singleElement().satisfies(incident -> assertThat(incident.resolvedAt).isEqualTo(minute(0) + 4 * DAY));
    assertThat(cases.isEmpty()).isTrue();
  }

  @Test
  void resolvesWhenTheHallCaseEndsAndLinksTheLatestOnlineCase() {
    rule.apply(submittedFact(Channel.WEB, "W1", minute(0)), cases);
    rule.apply(submittedFact(Channel.APP, "A1", minute(10)), cases);
    Incident opened = rule.apply(submittedFact(Channel.HALL, "H1", minute(20)), cases).get(0);
    assertThat(opened.caseIds).containsExactly("H1", "A1");

    assertThat(rule.apply(terminalFact(Channel.WEB, "W1", minute(30)), cases)).as("not the linked case").isEmpty();
    assertThat(rule.apply(terminalFact(Channel.HALL, "H1", minute(40)), cases))
        .singleElement().satisfies(incident -> assertThat(incident.resolvedAt).isEqualTo(minute(40)));
  }

  @Test
  void aHallSubmissionAfterTheOnlineCaseEndedOpensNothing() {
    rule.apply(submittedFact(Channel.WEB, "W1", minute(0)), cases);
    rule.apply(terminalFact(Channel.WEB, "W1", minute(5)), cases);
    assertThat(rule.apply(submittedFact(Channel.HALL, "H1", minute(10)), cases)).isEmpty();
  }

  @Test
  void looksBackExactlyThirtyDays() {
    rule.apply(submittedFact(Channel.WEB, "W1", minute(0)), cases);
    assertThat(rule.apply(submittedFact(Channel.HALL, "H1", minute(0) + 30 * DAY + 1), cases)).isEmpty();
    assertThat(rule.apply(submittedFact(Channel.HALL, "H2", minute(0) + 30 * DAY), cases)).hasSize(1);
  }

  @Test
  void forgetsOnlineCasesOnceNoHallSubmissionCanPairWithThem() {
    rule.apply(submittedFact(Channel.WECHAT, "W1", minute(0) + 10_000), cases);
    long forgetAt = rule.forgetAt(cases.pendingOnline[0]);
    assertThat(forgetAt).isEqualTo(minute(0) + 30 * DAY + 60_000 - 1);
    rule.forgetExpired(cases, forgetAt - 60_000);
    assertThat(cases.pendingOnline).hasSize(1);
    rule.forgetExpired(cases, forgetAt);
    assertThat(cases.isEmpty()).isTrue();
  }

  @Test
  void aHallCaseAloneOpensNothing() {
    assertThat(rule.apply(submittedFact(Channel.HALL, "H1", minute(0)), cases)).isEmpty();
    assertThat(cases.isEmpty()).isTrue();
  }
}
