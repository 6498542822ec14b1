package org.channelwatch.state;

/**
 * A keyed function that keeps some of its state in a write-back cache and must write it to Flink's
 * keyed state before each snapshot; run it in a {@link WriteBackKeyedProcessOperator} or {@link
 * WriteBackKeyedCoProcessOperator}, which call {@link #writeBack} at the right moment.
 */
public interface WritesBack<K> {

  /** Switches the current key of keyed state; the operator's {@code setCurrentKey}. */
  interface KeySwitch<K> {
    void setCurrentKey(K key);
  }

  /** Writes every cached change to keyed state, switching the current key as it goes. */
  void writeBack(KeySwitch<K> keys) throws Exception;
}
