package org.channelwatch.detection;

/**
 * What one channel shows of one item: whether it publishes it, its key facts, and the highest
 * catalog revision applied so far.
 *
 * <p>A Flink POJO kept in state. A withdrawn item keeps its entry while it has a revision, so that
 * a stale publication arriving after the withdrawal is still recognised as stale.
 */
public class ChannelPublication {
  public boolean published;
  /** Null while the channel has only sent catalog events without a revision. */
  public Long revision;
  /** The published key facts; null when withdrawn. */
  public NormalisedKeyFacts facts;

  public ChannelPublication() {}
}
