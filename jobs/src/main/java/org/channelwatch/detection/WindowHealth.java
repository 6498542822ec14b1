package org.channelwatch.detection;

/** What one minute of access events says about a scope (contract 3, access windows). */
public enum WindowHealth {
  /** Enough samples and okRatio below the bad threshold: opens an incident. */
  BAD,
  /** Enough samples and okRatio at or above the good threshold: resolves an incident. */
  GOOD,
  /** Too few samples, or a ratio in between: changes nothing. */
  INCONCLUSIVE
}
