package org.channelwatch.state;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * A write-back cache in front of one keyed {@link MapState}, for values changed by every event:
 * accumulators of open minutes. A read takes the cached value, or loads it once from state; a
 * write changes only the cache; {@link #writeBack} puts the changed values into state before each
 * snapshot and empties the cache. So an event costs a hash lookup instead of a state read and write
 * (with RocksDB, a serialisation both ways), and state still holds everything a snapshot needs.
 *
 * <p>Every access to the state must go through this cache, with the current key passed in. A value
 * read from the cache is the cached object itself: after changing it, {@link #put} it back, as with
 * RocksDB. Removing writes through at once. Not thread-safe, like Flink's state.
 */
public final class WriteBackMapState<K, UK, UV> {
  private final MapState<UK, UV> state;
  private final Map<K, Map<UK, UV>> changed = new HashMap<>();
  private final Map<K, Map<UK, UV>> loaded = new HashMap<>();

  public WriteBackMapState(MapState<UK, UV> state) {
    this.state = state;
  }

  /** The value under {@code userKey} for {@code key}, the current key of keyed state; null for none. */
  public UV get(K key, UK userKey) throws Exception {
    UV value = changes(key).get(userKey);
    if (value != null) {
      return value;
    }
    Map<UK, UV> fromState = loaded.computeIfAbsent(key, k -> new HashMap<>());
    value = fromState.get(userKey);
    if (value == null) {
      value = state.get(userKey);
      if (value != null) {
        fromState.put(userKey, value);
      }
    }
    return value;
  }

  public void put(K key, UK userKey, UV value) {
    changes(key).put(userKey, value);
  }

  public void remove(K key, UK userKey) throws Exception {
    changes(key).remove(userKey);
    Map<UK, UV> fromState = loaded.get(key);
    if (fromState != null) {
      fromState.remove(userKey);
    }
    state.remove(userKey);
  }

  public boolean contains(K key, UK userKey) throws Exception {
    return get(key, userKey) != null;
  }

  /** Every entry for {@code key}, cached or in state, the cached value winning. A copy. */
  public Map<UK, UV> entries(K key) throws Exception {
    Map<UK, UV> all = new LinkedHashMap<>();
    for (Map.Entry<UK, UV> entry : state.entries()) {
      all.put(entry.getKey(), entry.getValue());
    }
    Map<UK, UV> fromState = loaded.get(key);
    if (fromState != null) {
      all.putAll(fromState);
    }
    all.putAll(changes(key));
    return all;
  }

  /** Puts every changed value into state, then forgets the cache (a later read loads again). */
  public void writeBack(WritesBack.KeySwitch<K> keys) throws Exception {
    for (Map.Entry<K, Map<UK, UV>> perKey : changed.entrySet()) {
      if (perKey.getValue().isEmpty()) {
        continue;
      }
      keys.setCurrentKey(perKey.getKey());
      state.putAll(perKey.getValue());
    }
    changed.clear();
    loaded.clear();
  }

  private Map<UK, UV> changes(K key) {
    return changed.computeIfAbsent(key, k -> new HashMap<>());
  }
}
