package org.channelwatch.detection;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The four key facts that every channel publishing an item must agree on (contract 1.3). */
public enum KeyFact {
  CONDITIONS("conditions", facts -> facts.conditions),
  MATERIALS("materials", facts -> facts.materials == null ? null : Arrays.asList(facts.materials)),
  TIME_LIMIT_DAYS("timeLimitDays", facts -> facts.timeLimitDays),
  FEE("fee", facts -> facts.fee);

  private final String fieldName;
  private final Function<NormalisedKeyFacts, Object> value;

  KeyFact(String fieldName, Function<NormalisedKeyFacts, Object> value) {
    this.fieldName = fieldName;
    this.value = value;
  }

  /** The guide element's name, as in events and documents. */
  public String fieldName() {
    return fieldName;
  }

  /**
   * The normalised value, comparable with {@code equals}: a string, a number, or a sorted list of
   * materials; null when absent.
   */
  public Object valueIn(NormalisedKeyFacts facts) {
    return value.apply(facts);
  }

  static final List<KeyFact> ALL = List.of(values());
}
