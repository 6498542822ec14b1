package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.detection.TestEvents.guide;
import static org.channelwatch.detection.TestEvents.minute;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Guide;
import org.channelwatch.domain.Incident;
import org.junit.jupiter.api.Test;

class GuideConsistencyRuleTest {
  private final GuideConsistencyRule rule = new GuideConsistencyRule(Duration.ofMinutes(10));

  @Test
  void orderWidthAndNumberFormatAreNotDifferences() {
    Map<Channel, NormalisedKeyFacts> published = new EnumMap<>(Channel.class);
    published.put(Channel.HALL, NormalisedKeyFacts.of(guide("持本人身份证", "0", 5L, "身份证", "户口簿")));
    published.put(Channel.WEB, NormalisedKeyFacts.of(guide(" 持本人身份证 ", "0.00", 5L, "户口簿", "身份证")));
    published.put(Channel.APP, NormalisedKeyFacts.of(guide("持本人身份证", "０", 5L, "户口簿 ", "身份证")));
    assertThat(GuideComparison.of(published).consistent()).isTrue();
  }

  @Test
  void aFactMissingOnOneChannelIsNotADifference() {
    Map<Channel, NormalisedKeyFacts> published = new EnumMap<>(Channel.class);
    published.put(Channel.HALL, NormalisedKeyFacts.of(guide("a", "10", 5L, "x")));
    published.put(Channel.WEB, NormalisedKeyFacts.of(guide(null, null, null)));
    assertThat(GuideComparison.of(published).consistent()).isTrue();
  }

  @Test
  void namesTheDifferingFactsAndEachChannelsValues() {
    Map<Channel, NormalisedKeyFacts> published = new EnumMap<>(Channel.class);
    published.put(Channel.HALL, NormalisedKeyFacts.of(guide("a", "10.0", 5L, "X", "y")));
    published.put(Channel.WEB, NormalisedKeyFacts.of(guide("A", "12", 5L, "x")));
    published.put(Channel.WECHAT, NormalisedKeyFacts.of(guide("a", null, 5L)));
    GuideComparison comparison = GuideComparison.of(published);

    assertThat(comparison.differing()).containsExactly(KeyFact.MATERIALS, KeyFact.FEE);
    assertThat(Incidents.json(comparison.details())).isEqualTo(
        "{\"fields\":[\"materials\",\"fee\"],\"channels\":{"
            + "\"hall\":{\"materials\":[\"x\",\"y\"],\"fee\":\"10\"},"
            + "\"web\":{\"materials\":[\"x\"],\"fee\":\"12\"},"
            + "\"wechat\":{}}}");
  }

  @Test
  void appliesRevisionsAndIgnoresStaleOnes() {
    ChannelPublication current = GuideConsistencyRule.apply(null, TestEvents.published(Channel.WEB, "I", minute(0), 5L, guide("a", "0", 1L)));
    assertThat(GuideConsistencyRule.isStale(current, 4L)).isTrue();
    assertThat(GuideConsistencyRule.isStale(current, 5L)).isFalse();
    assertThat(GuideConsistencyRule.isStale(current, null)).isFalse();

    ChannelPublication withdrawn = GuideConsistencyRule.apply(current, TestEvents.withdrawn(Channel.WEB, "I", minute(1), null));
    assertThat(withdrawn.published).isFalse();
    assertThat(withdrawn.revision).as("an event without revision keeps the highest applied").isEqualTo(5L);
  }

  @Test
  void opensOnlyAfterTheGracePeriodAtTheTimeItBecameInconsistent() {
    GuideConsistencyRule.Outcome inconsistent = rule.afterChange("330000", "I", null, differing(), minute(1));
    GuideWatch watch = inconsistent.watch();
    assertThat(inconsistent.changes()).isEmpty();
    assertThat(rule.openAt(watch)).isEqualTo(minute(11));

    assertThat(rule.onTime("330000", "I", watch, minute(11) - 1, false)).isNull();
    Incident opened = rule.onTime("330000", "I", watch, minute(11), false);
    assertThat(opened.id()).isEqualTo("guide_inconsistent:330000:I:" + minute(1));

    GuideConsistencyRule.Outcome agreed = rule.afterChange("330000", "I", watch, agreeing(), minute(15));
    assertThat(agreed.watch()).isNull();
    assertThat(agreed.changes()).singleElement().satisfies(incident -> {
      assertThat(incident.id()).isEqualTo(opened.id());
      assertThat(incident.resolvedAt).isEqualTo(minute(15));
    });
  }

  @Test
  void anInconsistencyShorterThanTheGraceOpensNothing() {
    GuideWatch watch = rule.afterChange("330000", "I", null, differing(), minute(1)).watch();
    GuideConsistencyRule.Outcome agreed = rule.afterChange("330000", "I", watch, agreeing(), minute(11) - 1);
    assertThat(agreed.changes()).isEmpty();
    assertThat(agreed.watch()).isNull();
  }

  @Test
  void anInconsistencyThatOutlastedTheGraceInEventTimeOpensEvenIfTheWatermarkLagged() {
    GuideWatch watch = rule.afterChange("330000", "I", null, differing(), minute(1)).watch();
    GuideConsistencyRule.Outcome agreed = rule.afterChange("330000", "I", watch, agreeing(), minute(12));
    assertThat(agreed.changes()).extracting(incident -> incident.openedAt, incident -> incident.resolvedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(minute(1), null),
            org.assertj.core.groups.Tuple.tuple(minute(1), minute(12)));
  }

  private static GuideComparison differing() {
    return GuideComparison.of(Map.of(Channel.HALL, facts("10"), Channel.WEB, facts("12")));
  }

  private static GuideComparison agreeing() {
    return GuideComparison.of(Map.of(Channel.HALL, facts("12"), Channel.WEB, facts("12.00")));
  }

  private static NormalisedKeyFacts facts(String fee) {
    Guide guide = guide("cond", fee, 3L, "m");
    return NormalisedKeyFacts.of(guide);
  }
}
