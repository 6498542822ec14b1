package org.channelwatch.detection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.channelwatch.domain.Channel;

/**
 * Which key facts the channels publishing an item disagree on.
 *
 * <p>Two channels disagree on a fact when both state it and the normalised values differ; a fact
 * one of them leaves out is a completeness gap, not a disagreement.
 */
public final class GuideComparison {
  private final EnumMap<Channel, NormalisedKeyFacts> published;
  private final List<KeyFact> differing;

  private GuideComparison(EnumMap<Channel, NormalisedKeyFacts> published, List<KeyFact> differing) {
    this.published = published;
    this.differing = differing;
  }

  /** Compares the key facts of every channel that publishes the item now. */
  public static GuideComparison of(Map<Channel, NormalisedKeyFacts> publishedByChannel) {
    EnumMap<Channel, NormalisedKeyFacts> published = new EnumMap<>(Channel.class);
    published.putAll(publishedByChannel);
    List<KeyFact> differing = new ArrayList<>();
    for (KeyFact fact : KeyFact.ALL) {
      if (someTwoDisagree(fact, published)) {
        differing.add(fact);
      }
    }
    return new GuideComparison(published, Collections.unmodifiableList(differing));
  }

  public boolean consistent() {
    return differing.isEmpty();
  }

  /** The facts some pair of channels disagrees on, in the contract's order. */
  public List<KeyFact> differing() {
    return differing;
  }

  /**
   * The details of a {@code guide_inconsistent} incident: the differing {@code fields} and, per
   * publishing channel, its normalised values of them (a channel that leaves a fact out has none).
   */
  public ObjectNode details() {
    ObjectNode details = Incidents.details();
    ArrayNode fields = details.putArray("fields");
    differing.forEach(fact -> fields.add(fact.fieldName()));
    ObjectNode channels = details.putObject("channels");
    published.forEach(
        (channel, facts) -> {
          ObjectNode values = channels.putObject(channel.wireName());
          for (KeyFact fact : differing) {
            Object value = fact.valueIn(facts);
            if (value != null) {
              values.set(fact.fieldName(), Incidents.JSON.valueToTree(value));
            }
          }
        });
    return details;
  }

  private static boolean someTwoDisagree(KeyFact fact, Map<Channel, NormalisedKeyFacts> published) {
    Object seen = null;
    for (NormalisedKeyFacts facts : published.values()) {
      Object value = fact.valueIn(facts);
      if (value == null) {
        continue;
      }
      if (seen == null) {
        seen = value;
      } else if (!Objects.equals(seen, value)) {
        return true;
      }
    }
    return false;
  }
}
