package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.detection.TestEvents.minute;

import java.time.Duration;
import java.util.List;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.junit.jupiter.api.Test;

class StatusSyncRuleTest {
  private final StatusSyncRule rule = new StatusSyncRule(Duration.ofMinutes(60));
  private final CaseRecord record = new CaseRecord();

  @Test
  void opensAtTheForeignReportAndResolvesWhenTheSubmittingChannelCatchesUp() {
    rule.recordSubmission(record, TestEvents.submitted(Channel.WEB, "C1", "applicant-0001", "ITEM-1", minute(0)));
    rule.recordStatus(record, Channel.HALL, CaseStatus.COMPLETED, minute(10));
    assertThat(rule.judgeAt(record)).isEqualTo(minute(71) - 1);

    assertThat(rule.onTime("330000", "C1", record, minute(71) - 2, false)).isEmpty();
    List<Incident> opened = rule.onTime("330000", "C1", record, minute(71) - 1, false);
    assertThat(opened).singleElement().satisfies(incident -> {
      assertThat(incident.id()).isEqualTo("status_not_synced:330000:C1:" + minute(10));
      assertThat(incident.caseIds).containsExactly("C1");
    });

    Incident resolved = rule.recordStatus(record, Channel.WEB, CaseStatus.COMPLETED, minute(90));
    assertThat(resolved.id()).isEqualTo(opened.get(0).id());
    assertThat(resolved.resolvedAt).isEqualTo(minute(90));
    assertThat(record.notSynced).isNull();
  }

  @Test
  void aStatusSyncedWithinTheSlaOpensNothing() {
    rule.recordSubmission(record, TestEvents.submitted(Channel.WEB, "C1", "applicant-0001", "ITEM-1", minute(0)));
    rule.recordStatus(record, Channel.HALL, CaseStatus.COMPLETED, minute(10));
    rule.recordStatus(record, Channel.WEB, CaseStatus.COMPLETED, minute(70));
    assertThat(rule.onTime("330000", "C1", record, minute(71) - 1, false)).as("exactly at the deadline").isEmpty();
    assertThat(rule.judgeAt(record)).isNull();
  }

  @Test
  void anEarlierReportOfTheSubmittingChannelCounts() {
    rule.recordSubmission(record, TestEvents.submitted(Channel.APP, "C1", "applicant-0001", "ITEM-1", minute(0)));
    rule.recordStatus(record, Channel.APP, CaseStatus.REJECTED, minute(5));
    rule.recordStatus(record, Channel.HALL, CaseStatus.REJECTED, minute(10));
    assertThat(rule.onTime("330000", "C1", record, minute(100), false)).isEmpty();
  }

  @Test
  void aLateSyncInTheDeadlinesMinuteOpensAndResolvesAtOnce() {
    rule.recordSubmission(record, TestEvents.submitted(Channel.WEB, "C1", "applicant-0001", "ITEM-1", minute(0)));
    rule.recordStatus(record, Channel.HALL, CaseStatus.WITHDRAWN, minute(10));
    rule.recordStatus(record, Channel.WEB, CaseStatus.WITHDRAWN, minute(70) + 30_000);
    assertThat(rule.onTime("330000", "C1", record, minute(71) - 1, false))
        .extracting(incident -> incident.resolvedAt)
        .containsExactly(null, minute(70) + 30_000);
  }

  @Test
  void aNonTerminalStatusOrARepeatedSubmissionChangesNothing() {
    assertThat(rule.recordSubmission(record, TestEvents.submitted(Channel.WEB, "C1", "applicant-0001", "ITEM-1", minute(0)))).isTrue();
    assertThat(rule.recordSubmission(record, TestEvents.submitted(Channel.HALL, "C1", "applicant-0002", "ITEM-2", minute(1)))).isFalse();
    assertThat(record.submittedOn).isEqualTo(Channel.WEB);
    rule.recordStatus(record, Channel.HALL, CaseStatus.ACCEPTED, minute(2));
    assertThat(rule.judgeAt(record)).isNull();
  }
}
