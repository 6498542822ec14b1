package org.channelwatch.detection;

import org.channelwatch.domain.KeyFactNormaliser;
import org.channelwatch.domain.Guide;

/**
 * The key facts of one channel's guide, normalised for comparison (contract 1.3); each null when
 * the channel does not state it.
 *
 * <p>A Flink POJO kept in state; {@code materials} is a sorted array standing for a set.
 */
public class NormalisedKeyFacts {
  public String conditions;
  public String[] materials;
  public Long timeLimitDays;
  public String fee;

  public NormalisedKeyFacts() {}

  public static NormalisedKeyFacts of(Guide guide) {
    NormalisedKeyFacts facts = new NormalisedKeyFacts();
    if (guide != null) {
      facts.conditions = KeyFactNormaliser.text(guide.conditions);
      facts.materials = KeyFactNormaliser.materials(guide.materials);
      facts.timeLimitDays = guide.timeLimitDays;
      facts.fee = KeyFactNormaliser.fee(guide.fee);
    }
    return facts;
  }
}
