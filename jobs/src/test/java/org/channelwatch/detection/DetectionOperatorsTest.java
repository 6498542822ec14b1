package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.detection.TestEvents.REGION;
import static org.channelwatch.detection.TestEvents.access;
import static org.channelwatch.detection.TestEvents.at;
import static org.channelwatch.detection.TestEvents.guide;
import static org.channelwatch.detection.TestEvents.minute;
import static org.channelwatch.detection.TestEvents.published;
import static org.channelwatch.detection.TestEvents.status;
import static org.channelwatch.detection.TestEvents.submitted;
import static org.channelwatch.detection.TestEvents.submittedFact;
import static org.channelwatch.detection.TestEvents.terminalFact;

import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.channelwatch.indicators.Windows;
import org.channelwatch.minutes.ChannelMinute;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The detection operators under Flink's keyed test harness, with event-time timers. */
class DetectionOperatorsTest {
  private static final DetectionSettings SETTINGS = DetectionSettings.defaults();

  private static <IN> void feed(KeyedOneInputStreamOperatorTestHarness<String, IN, Incident> harness, List<IN> elements,
      java.util.function.ToLongFunction<IN> time) throws Exception {
    for (IN element : elements) {
      harness.processElement(element, time.applyAsLong(element));
    }
  }

  private static void feedEvents(KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, Incident> harness,
      ChannelEvent... events) throws Exception {
    feed(harness, List.of(events), event -> event.time);
  }

  /**
   * Feeds each event as a summary of its own: the summaries of a minute reach the per-minute
   * operators in any number and order, and the operators must add them up.
   */
  private static void feedAsMinutes(KeyedOneInputStreamOperatorTestHarness<String, ChannelMinute, Incident> harness,
      ChannelEvent... events) throws Exception {
    for (ChannelEvent event : events) {
      ChannelMinute alone = ChannelMinute.of(event.region, event.channel, Windows.startOf(event.time));
      alone.add(event);
      harness.processElement(alone.trimmed(), alone.windowEnd());
    }
  }

  @Nested
  class Availability {
    private KeyedOneInputStreamOperatorTestHarness<String, ChannelMinute, Incident> open() throws Exception {
      return DetectionHarness.open(new AccessAvailabilityFunction(SETTINGS), new DetectionKeys.ByRegionAndChannel());
    }

    @Test
    void opensAndResolvesAServiceOutageAndLeavesNothingBehind() throws Exception {
      try (var harness = open()) {
        for (int i = 0; i < 5; i++) {
          feedAsMinutes(harness, access(Channel.WEB, at(0, 10 + i), i == 0));
        }
        harness.processWatermark(minute(1) - 1);
        assertThat(DetectionHarness.takeChanges(harness)).containsExactly("service_unavailable:330000:web:" + minute(0) + " open");

        for (int i = 0; i < 10; i++) {
          feedAsMinutes(harness, access(Channel.WEB, at(1, 10 + i), i != 0));
        }
        harness.processWatermark(minute(2) - 1);
        assertThat(DetectionHarness.takeChanges(harness)).containsExactly("service_unavailable:330000:web:" + minute(0) + " resolved");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
      }
    }

    @Test
    void opensAndResolvesAnItemOutageAndLeavesNothingBehind() throws Exception {
      try (var harness = open()) {
        for (int i = 0; i < 3; i++) {
          feedAsMinutes(harness, access(Channel.APP, at(4, i), false, "ITEM-1"), access(Channel.APP, at(4, 30 + i), true));
        }
        for (int i = 0; i < 3; i++) {
          feedAsMinutes(harness, access(Channel.APP, at(5, i), true, "ITEM-1"));
        }
        harness.processWatermark(minute(6) - 1);

        assertThat(DetectionHarness.takeChanges(harness)).containsExactly(
            "item_unavailable:330000:app:ITEM-1:" + minute(4) + " open",
            "item_unavailable:330000:app:ITEM-1:" + minute(4) + " resolved");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
      }
    }

    @Test
    void anItemOutageDuringItsChannelsOutageOpensNothingForTheItem() throws Exception {
      try (var harness = open()) {
        for (int i = 0; i < 6; i++) {
          feedAsMinutes(harness, access(Channel.APP, at(4, i), false, "ITEM-1"));
        }
        harness.processWatermark(minute(5) - 1);
        assertThat(DetectionHarness.takeChanges(harness)).containsExactly("service_unavailable:330000:app:" + minute(4) + " open");
      }
    }

    @Test
    void aMinuteStillOpenAtACheckpointKeepsItsAccessesAfterARestore() throws Exception {
      OperatorSubtaskState checkpoint;
      try (var harness = open()) {
        for (int i = 0; i < 3; i++) {
          feedAsMinutes(harness, access(Channel.WEB, at(0, 10 + i), false));
        }
        checkpoint = harness.snapshot(1, 1);
      }
      try (var harness =
          DetectionHarness.restore(new AccessAvailabilityFunction(SETTINGS), new DetectionKeys.ByRegionAndChannel(), checkpoint)) {
        for (int i = 0; i < 2; i++) {
          feedAsMinutes(harness, access(Channel.WEB, at(0, 20 + i), false));
        }
        harness.processWatermark(minute(1) - 1);
        assertThat(DetectionHarness.takeChanges(harness))
            .as("five bad accesses in the minute, three of them before the checkpoint")
            .containsExactly("service_unavailable:330000:web:" + minute(0) + " open");
      }
    }

    @Test
    void waitsForTheMinuteToCloseWhateverTheArrivalOrder() throws Exception {
      try (var harness = open()) {
        feedAsMinutes(harness, access(Channel.WEB, at(1, 5), false));
        for (int i = 0; i < 5; i++) {
          feedAsMinutes(harness, access(Channel.WEB, at(0, 50 - i), false));
        }
        harness.processWatermark(at(1, 20));
        assertThat(DetectionHarness.takeChanges(harness)).containsExactly("service_unavailable:330000:web:" + minute(0) + " open");
        assertThat(harness.numEventTimeTimers()).as("minute 1 is still open").isEqualTo(1);
      }
    }
  }

  @Nested
  class Silence {
    private KeyedOneInputStreamOperatorTestHarness<String, ChannelMinute, Incident> open() throws Exception {
      return DetectionHarness.open(new ChannelSilenceFunction(SETTINGS), new DetectionKeys.ByRegionAndChannel());
    }

    @Test
    void opensFiveMinutesAfterTheLastEventAndResolvesOnTheNext() throws Exception {
      try (var harness = open()) {
        feedAsMinutes(harness, TestEvents.rating(Channel.HALL, at(0, 10)), TestEvents.rating(Channel.HALL, at(0, 30)));
        harness.processWatermark(minute(6) - 2);
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
        harness.processWatermark(minute(6) - 1);
        assertThat(DetectionHarness.takeChanges(harness)).containsExactly("channel_silent:330000:hall:" + at(5, 30) + " open");

        feedAsMinutes(harness, TestEvents.rating(Channel.HALL, at(9, 5)));
        harness.processWatermark(minute(10) - 1);
        assertThat(DetectionHarness.takeChanges(harness)).containsExactly("channel_silent:330000:hall:" + at(5, 30) + " resolved");
        // The channel stays watched: its last event time and the timer of its next deadline.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
      }
    }

    @Test
    void aSilenceShorterThanFiveMinutesOpensNothing() throws Exception {
      try (var harness = open()) {
        feedAsMinutes(harness, TestEvents.rating(Channel.WEB, at(0, 30)), TestEvents.rating(Channel.WEB, at(5, 20)));
        harness.processWatermark(minute(10) - 2);
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
        assertThat(harness.numEventTimeTimers()).as("only the deadline after the latest event").isEqualTo(1);
      }
    }

    @Test
    void theEndOfABoundedInputOpensNothing() throws Exception {
      try (var harness = open()) {
        feedAsMinutes(harness, TestEvents.rating(Channel.WEB, at(0, 30)));
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
      }
    }
  }

  @Nested
  class Guides {
    private KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, Incident> open() throws Exception {
      return DetectionHarness.open(new GuideConsistencyFunction(SETTINGS), new DetectionKeys.ByRegionAndItem());
    }

    @Test
    void opensAfterTheGraceAndResolvesWhenTheChannelsAgreeAgain() throws Exception {
      try (var harness = open()) {
        feedEvents(harness,
            published(Channel.HALL, "ITEM-G", minute(1), null, guide("c", "10", 5L, "a", "b")),
            published(Channel.WEB, "ITEM-G", minute(2), null, guide("c", "12", 5L, "b", "a")));
        harness.processWatermark(minute(12) - 1);
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
        harness.processWatermark(minute(12));
        List<Incident> opened = harness.extractOutputValues();
        assertThat(opened).singleElement().satisfies(incident -> {
          assertThat(incident.id()).isEqualTo("guide_inconsistent:330000:ITEM-G:" + minute(2));
          assertThat(incident.detailsJson).isEqualTo(
              "{\"fields\":[\"fee\"],\"channels\":{\"hall\":{\"fee\":\"10\"},\"web\":{\"fee\":\"12\"}}}");
        });
        harness.getOutput().clear();

        feedEvents(harness, published(Channel.WEB, "ITEM-G", minute(15), null, guide("c", "10.00", 5L, "a", "b")));
        // Ahead of the watermark, the fix waits for event time to reach it.
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
        harness.processWatermark(minute(15));
        assertThat(DetectionHarness.takeChanges(harness)).containsExactly("guide_inconsistent:330000:ITEM-G:" + minute(2) + " resolved");
        // What remains is the catalog itself (one entry per channel's publication map), no timer.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
      }
    }

    @Test
    void publicationsAheadOfTheWatermarkApplyInTimeOrderWhateverTheirArrival() throws Exception {
      // At parallelism 2 an upstream shuffle can deliver the later publication first.
      try (var harness = open()) {
        feedEvents(harness,
            published(Channel.HALL, "ITEM-G", minute(2), null, guide("c", "12", 5L)),
            published(Channel.WEB, "ITEM-G", minute(1), null, guide("c", "10", 5L)));
        harness.processWatermark(minute(13));
        assertThat(DetectionHarness.takeChanges(harness))
            .containsExactly("guide_inconsistent:330000:ITEM-G:" + minute(2) + " open");
      }
    }

    @Test
    void aWithdrawalResolvesAndAnInconsistencyShorterThanTheGraceOpensNothing() throws Exception {
      try (var harness = open()) {
        feedEvents(harness,
            published(Channel.HALL, "ITEM-G", minute(1), null, guide("c", "10", 5L)),
            published(Channel.APP, "ITEM-G", minute(2), null, guide("C", "0", 5L)));
        harness.processWatermark(minute(8));
        feedEvents(harness, TestEvents.withdrawn(Channel.APP, "ITEM-G", minute(9), null));
        harness.processWatermark(minute(30));
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
      }
    }

    @Test
    void ignoresAStalePublication() throws Exception {
      try (var harness = open()) {
        feedEvents(harness,
            published(Channel.HALL, "ITEM-G", minute(1), 1L, guide("c", "10", 5L)),
            published(Channel.WEB, "ITEM-G", minute(1), 3L, guide("c", "10", 5L)),
            published(Channel.WEB, "ITEM-G", minute(2), 2L, guide("c", "99", 5L)));
        harness.processWatermark(minute(30));
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
      }
    }
  }

  @Nested
  class Cases {
    private KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, Incident> open() throws Exception {
      return DetectionHarness.open(new CaseLifecycleFunction(SETTINGS), new DetectionKeys.ByRegionAndCase());
    }

    @Test
    void opensWhenTheSubmittingChannelMissesTheSlaAndResolvesWhenItCatchesUp() throws Exception {
      try (var harness = open()) {
        // The status arrives before the submission: order within a minute does not matter.
        feedEvents(harness,
            status(Channel.HALL, "C1", CaseStatus.COMPLETED, at(10, 0)),
            submitted(Channel.WEB, "C1", "applicant-0001", "ITEM-1", at(0, 5)));
        harness.processWatermark(minute(71) - 2);
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
        harness.processWatermark(minute(71) - 1);
        assertThat(DetectionHarness.takeChanges(harness)).containsExactly("status_not_synced:330000:C1:" + minute(10) + " open");

        feedEvents(harness, status(Channel.WEB, "C1", CaseStatus.COMPLETED, at(90, 0)));
        harness.processWatermark(minute(91) - 1);
        assertThat(DetectionHarness.takeChanges(harness)).containsExactly("status_not_synced:330000:C1:" + minute(10) + " resolved");

        assertThat(harness.getSideOutput(CaseLifecycleFunction.CASE_FACTS)).extracting(StreamRecord::getValue)
            .extracting(fact -> fact.kind + "@" + fact.time)
            .containsExactly("SUBMITTED@" + at(0, 5), "TERMINAL@" + minute(10));

        // The case is remembered for its retention, then nothing is left.
        harness.processWatermark(minute(90) + SETTINGS.caseRetention().toMillis() + Duration.ofMinutes(2).toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
      }
    }

    @Test
    void aStatusSyncedWithinTheSlaOpensNothing() throws Exception {
      try (var harness = open()) {
        feedEvents(harness,
            submitted(Channel.APP, "C2", "applicant-0001", "ITEM-1", at(0, 0)),
            status(Channel.HALL, "C2", CaseStatus.REJECTED, at(1, 0)),
            status(Channel.APP, "C2", CaseStatus.REJECTED, at(61, 0)));
        harness.processWatermark(minute(200));
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
        assertThat(harness.numEventTimeTimers()).as("only the retention timer").isEqualTo(1);
      }
    }

    @Test
    void ignoresARepeatedSubmission() throws Exception {
      try (var harness = open()) {
        feedEvents(harness,
            submitted(Channel.WEB, "C3", "applicant-0001", "ITEM-1", at(0, 0)),
            submitted(Channel.HALL, "C3", "applicant-0002", "ITEM-9", at(3, 0)));
        harness.processWatermark(minute(5));
        assertThat(harness.getSideOutput(CaseLifecycleFunction.CASE_FACTS)).extracting(StreamRecord::getValue)
            .extracting(fact -> fact.submittedOn + "/" + fact.applicantId)
            .containsExactly("web/applicant-0001");
      }
    }
  }

  @Nested
  class Resubmissions {
    private KeyedOneInputStreamOperatorTestHarness<String, CaseFact, Incident> open() throws Exception {
      return DetectionHarness.open(new OfflineResubmissionFunction(SETTINGS), new DetectionKeys.ByRegionApplicantAndItem());
    }

    @Test
    void opensOnTheHallSubmissionResolvesWhenTheOnlineCaseEndsAndLeavesNothingBehind() throws Exception {
      try (var harness = open()) {
        // The hall fact arrives first, from another subtask: the minute is applied in time order.
        feed(harness, List.of(submittedFact(Channel.HALL, "H1", at(0, 40)), submittedFact(Channel.WEB, "W1", at(0, 30))), f -> f.time);
        harness.processWatermark(minute(1) - 1);
        assertThat(DetectionHarness.takeChanges(harness))
            .containsExactly("offline_resubmission:330000:applicant-0001:ITEM-1:" + at(0, 40) + " open");

        feed(harness, List.of(terminalFact(Channel.WEB, "W1", at(20, 0))), f -> f.time);
        harness.processWatermark(minute(21) - 1);
        assertThat(DetectionHarness.takeChanges(harness))
            .containsExactly("offline_resubmission:330000:applicant-0001:ITEM-1:" + at(0, 40) + " resolved");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
      }
    }

    @Test
    void aHallResubmissionAfterTheOnlineCaseCompletedOpensNothing() throws Exception {
      try (var harness = open()) {
        feed(harness, List.of(
            submittedFact(Channel.WEB, "W1", at(0, 0)),
            terminalFact(Channel.WEB, "W1", at(5, 0)),
            submittedFact(Channel.HALL, "H1", at(9, 0))), f -> f.time);
        harness.processWatermark(minute(10));
        assertThat(DetectionHarness.takeChanges(harness)).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
      }
    }

    @Test
    void forgetsAnOnlineCaseThatNeverEndsAfterTheLookback() throws Exception {
      try (var harness = open()) {
        feed(harness, List.of(submittedFact(Channel.APP, "A1", at(0, 0))), f -> f.time);
        harness.processWatermark(minute(1));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processWatermark(minute(1) + SETTINGS.resubmissionLookback().toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
      }
    }
  }
}
