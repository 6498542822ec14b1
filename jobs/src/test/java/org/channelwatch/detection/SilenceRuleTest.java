package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.detection.TestEvents.at;
import static org.channelwatch.detection.TestEvents.minute;

import java.time.Duration;
import java.util.List;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.junit.jupiter.api.Test;

class SilenceRuleTest {
  private final SilenceRule rule = new SilenceRule(Duration.ofMinutes(5));
  private final ChannelActivity activity = new ChannelActivity();

  @Test
  void opensFiveMinutesAfterTheLastEventOnceThatMinuteHasClosed() {
    rule.onMinute(TestEvents.REGION, Channel.HALL, activity, at(0, 10), at(0, 30));
    long decideAt = rule.decideAt(activity);
    assertThat(decideAt).isEqualTo(minute(6) - 1);

    assertThat(rule.onTime(TestEvents.REGION, Channel.HALL, activity, decideAt - 1, false)).isNull();
    Incident opened = rule.onTime(TestEvents.REGION, Channel.HALL, activity, decideAt, false);

    assertThat(opened.id()).isEqualTo("channel_silent:330000:hall:" + at(5, 30));
    assertThat(rule.decideAt(activity)).as("nothing more to decide while silent").isNull();

    List<Incident> resolved = rule.onMinute(TestEvents.REGION, Channel.HALL, activity, at(9, 5), at(9, 50));
    assertThat(resolved).singleElement().satisfies(incident -> {
      assertThat(incident.id()).isEqualTo(opened.id());
      assertThat(incident.resolvedAt).isEqualTo(at(9, 5));
    });
    assertThat(activity.silence).isNull();
    assertThat(activity.lastEventAt).isEqualTo(at(9, 50));
  }

  @Test
  void aSilenceShorterThanTheThresholdOpensNothing() {
    rule.onMinute(TestEvents.REGION, Channel.HALL, activity, at(0, 30), at(0, 30));
    assertThat(rule.onMinute(TestEvents.REGION, Channel.HALL, activity, at(5, 30), at(5, 30)))
        .as("exactly five minutes later").isEmpty();
    assertThat(rule.onTime(TestEvents.REGION, Channel.HALL, activity, minute(6) - 1, false)).isNull();
  }

  @Test
  void aSilenceThatEndedInTheDeadlinesMinuteOpensAndResolvesAtOnce() {
    rule.onMinute(TestEvents.REGION, Channel.HALL, activity, at(0, 10), at(0, 10));
    List<Incident> changes = rule.onMinute(TestEvents.REGION, Channel.HALL, activity, at(5, 40), at(5, 40));
    assertThat(changes).extracting(incident -> incident.openedAt, incident -> incident.resolvedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(at(5, 10), null),
            org.assertj.core.groups.Tuple.tuple(at(5, 10), at(5, 40)));
  }

  @Test
  void theEndOfABoundedInputIsNotSilence() {
    rule.onMinute(TestEvents.REGION, Channel.HALL, activity, at(0, 10), at(0, 10));
    assertThat(rule.onTime(TestEvents.REGION, Channel.HALL, activity, Long.MAX_VALUE, true)).isNull();
  }
}
