package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.indicators.TestEvents.MINUTE;
import static org.channelwatch.indicators.TestEvents.T0;

import org.junit.jupiter.api.Test;

class RegionProgressTest {

  @Test
  void startsAtTheFirstEventAndMovesBackForAnEarlierOneNotYetWritten() {
    RegionProgress progress = new RegionProgress();
    assertThat(progress.isNextWindowDue(Long.MAX_VALUE - 1, false)).isFalse();
    assertThat(progress.noteEventIn(T0 + MINUTE, T0)).isTrue();
    assertThat(progress.nextWindowStart).isEqualTo(T0 + MINUTE);
    assertThat(progress.noteEventIn(T0, T0 - 1)).isTrue();
    assertThat(progress.nextWindowStart).isEqualTo(T0);
    assertThat(progress.lastEventWindowStart).isEqualTo(T0 + MINUTE);
  }

  @Test
  void aMinuteIsDueAtItsLastMillisecondAndNeverWrittenTwice() {
    RegionProgress progress = new RegionProgress();
    progress.noteEventIn(T0, T0 - 1);
    assertThat(progress.isNextWindowDue(T0 + MINUTE - 2, false)).isFalse();
    assertThat(progress.isNextWindowDue(T0 + MINUTE - 1, false)).isTrue();
    progress.advance();
    assertThat(progress.nextWindowStart).isEqualTo(T0 + MINUTE);
    // Late: its minute is written. Even a restored, lower watermark does not reopen it.
    assertThat(progress.noteEventIn(T0, T0 + MINUTE - 1)).isFalse();
    assertThat(progress.noteEventIn(T0, Long.MIN_VALUE)).isFalse();
  }

  @Test
  void quietMinutesFollowUpToTheWatermarkButStopAtTheEndOfInput() {
    RegionProgress progress = new RegionProgress();
    progress.noteEventIn(T0, T0 - 1);
    progress.advance();
    assertThat(progress.isNextWindowDue(T0 + 5 * MINUTE, false)).isTrue();
    assertThat(progress.isNextWindowDue(Long.MAX_VALUE, true)).isFalse();
  }

  @Test
  void aChangeAppliedAtTheWatermarkShowsInTheFirstMinuteNotWritten() {
    RegionProgress progress = new RegionProgress();
    progress.noteChangeAt(T0 + 3 * MINUTE + 10);
    assertThat(progress.nextWindowStart).isEqualTo(T0 + 3 * MINUTE);
    progress.noteChangeAt(Long.MAX_VALUE);
    assertThat(progress.lastEventWindowStart).isEqualTo(T0 + 3 * MINUTE);
  }
}
