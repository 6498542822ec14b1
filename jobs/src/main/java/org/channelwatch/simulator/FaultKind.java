package org.channelwatch.simulator;

/** A kind of trouble the simulator injects, each meant to make one contract 3 incident appear. */
public enum FaultKind {
  /** A region's channel mostly fails for a few minutes: {@code service_unavailable}. */
  OUTAGE,
  /** One item on one channel mostly fails while the channel is fine: {@code item_unavailable}. */
  ITEM_OUTAGE,
  /** A channel stops sending anything for several minutes: {@code channel_silent}. */
  CHANNEL_SILENCE,
  /**
   * A channel re-publishes an item with a different fee or time limit, fixed only after more than
   * 10 minutes: {@code guide_inconsistent}.
   */
  INCONSISTENT_PUBLICATION,
  /**
   * An applicant submits online, then the same item at the hall under another case id while the
   * online case is open: {@code offline_resubmission}.
   */
  OFFLINE_RESUBMISSION,
  /**
   * The hall completes an online case and the online channel reports it much later or never:
   * {@code status_not_synced}.
   */
  STATUS_NOT_SYNCED
}
