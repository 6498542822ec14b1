package org.channelwatch.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A {@link KeyValueStore} that copies values in and out through their Flink serializer, as RocksDB
 * does: a change not put back is lost here too, so tests catch it.
 */
final class CopyingStore<K, V> implements KeyValueStore<K, V> {
  private final Map<K, V> map = new HashMap<>();
  private final TypeSerializer<V> serializer;

  CopyingStore(TypeInformation<V> type) {
    this.serializer = type.createSerializer(new SerializerConfigImpl());
  }

  static <K, V> CopyingStore<K, V> of(Class<V> valueClass) {
    return new CopyingStore<>(TypeInformation.of(valueClass));
  }

  @Override
  public V get(K key) {
    V value = map.get(key);
    return value == null ? null : serializer.copy(value);
  }

  @Override
  public void put(K key, V value) {
    map.put(key, serializer.copy(value));
  }

  @Override
  public void remove(K key) {
    map.remove(key);
  }

  @Override
  public List<K> keys() {
    return new ArrayList<>(map.keySet());
  }

  int size() {
    return map.size();
  }
}
