package org.channelwatch.state;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;

/**
 * A write-back cache in front of one keyed {@link ValueState}, as {@link WriteBackMapState} is for
 * map state: reads load once, writes stay in the cache until {@link #writeBack} before a snapshot.
 * Clearing writes through at once.
 */
public final class WriteBackValueState<K, V> {
  private final ValueState<V> state;
  private final Map<K, V> changed = new HashMap<>();
  private final Map<K, V> loaded = new HashMap<>();

  public WriteBackValueState(ValueState<V> state) {
    this.state = state;
  }

  /** The value for {@code key}, the current key of keyed state; null for none. */
  public V value(K key) throws Exception {
    V value = changed.get(key);
    if (value == null) {
      value = loaded.get(key);
    }
    if (value == null) {
      value = state.value();
      if (value != null) {
        loaded.put(key, value);
      }
    }
    return value;
  }

  public void update(K key, V value) {
    changed.put(key, value);
  }

  public void clear(K key) {
    changed.remove(key);
    loaded.remove(key);
    state.clear();
  }

  /** Puts every changed value into state, then forgets the cache. */
  public void writeBack(WritesBack.KeySwitch<K> keys) throws Exception {
    for (Map.Entry<K, V> entry : changed.entrySet()) {
      keys.setCurrentKey(entry.getKey());
      state.update(entry.getValue());
    }
    changed.clear();
    loaded.clear();
  }
}
