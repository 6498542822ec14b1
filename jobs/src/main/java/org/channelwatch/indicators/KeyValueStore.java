package org.channelwatch.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map of one region's state entries, so that the indicator logic runs the same on Flink's keyed
 * {@code MapState} and on a plain map in tests.
 *
 * <p>Values may be copies (as RocksDB returns them): callers put a value back after changing it.
 */
public interface KeyValueStore<K, V> {

  /** The value under {@code key}, or null. */
  V get(K key);

  void put(K key, V value);

  void remove(K key);

  /** A snapshot of the keys, so that callers may remove entries while going through them. */
  List<K> keys();

  /** A store on a {@link HashMap} that hands out its own values: for tests and tools. */
  static <K, V> KeyValueStore<K, V> inMemory() {
    Map<K, V> map = new HashMap<>();
    return new KeyValueStore<>() {
      @Override
      public V get(K key) {
        return map.get(key);
      }

      @Override
      public void put(K key, V value) {
        map.put(key, value);
      }

      @Override
      public void remove(K key) {
        map.remove(key);
      }

      @Override
      public List<K> keys() {
        return new ArrayList<>(map.keySet());
      }
    };
  }
}
