package org.channelwatch.state;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A write-back cache in front of one keyed {@link MapState}, for values changed by every event:
 * accumulators of open minutes. A read takes the cached value, or loads it once from state; a
 * write changes only the cache; {@link #writeBack} puts the changed values into state before each
 * snapshot. So an event costs a hash lookup instead of a state read and write (with RocksDB, a
 * serialisation both ways), and state still holds everything a snapshot needs.
 *
 * <p>The cache keeps what it holds across snapshots, and once it has listed a key's entries (or
 * that key's state started empty in this run) it knows them all: reads of absent entries and
 * listings then never reach the state backend, where a listing meant a RocksDB iterator stepping
 * over the deletions of every closed minute. Meant for states whose entries per key are few and
 * removed once done, as minutes are: the cache holds every live entry of the keys it has seen.
 *
 * <p>Every access to the state must go through this cache, with the current key passed in. A value
 * read from the cache is the cached object itself: after changing it, {@link #put} it back, as with
 * RocksDB. Removing writes through at once. Not thread-safe, like Flink's state.
 */
public final class WriteBackMapState<K, UK, UV> {
  private final MapState<UK, UV> state;
  private final TypeSerializer<UV> values;
  private final Map<K, Map<UK, UV>> cached = new HashMap<>();
  private final Map<K, Set<UK>> changed = new HashMap<>();
  /** Keys whose every entry is in the cache. */
  private final Set<K> complete = new HashSet<>();

  /** @param values the state's value serializer, for copies: the cache never shares a value with state */
  public WriteBackMapState(MapState<UK, UV> state, TypeSerializer<UV> values) {
    this.state = state;
    this.values = values;
  }

  /** The cache in front of the map state {@code descriptor} describes, in {@code context}. */
  public static <K, UK, UV> WriteBackMapState<K, UK, UV> of(RuntimeContext context, MapStateDescriptor<UK, UV> descriptor) {
    MapState<UK, UV> state = context.getMapState(descriptor);
    // Getting the state initialised the descriptor's serializers.
    return new WriteBackMapState<>(state, descriptor.getValueSerializer());
  }

  /** The value under {@code userKey} for {@code key}, the current key of keyed state; null for none. */
  public UV get(K key, UK userKey) throws Exception {
    Map<UK, UV> keyValues = cached.get(key);
    UV value = keyValues == null ? null : keyValues.get(userKey);
    if (value != null || complete.contains(key)) {
      return value;
    }
    value = state.get(userKey);
    if (value != null) {
      value = values.copy(value);
      cached.computeIfAbsent(key, k -> new HashMap<>()).put(userKey, value);
    }
    return value;
  }

  public void put(K key, UK userKey, UV value) {
    cached.computeIfAbsent(key, k -> new HashMap<>()).put(userKey, value);
    changed.computeIfAbsent(key, k -> new HashSet<>()).add(userKey);
  }

  public void remove(K key, UK userKey) throws Exception {
    Map<UK, UV> keyValues = cached.get(key);
    if (keyValues != null) {
      keyValues.remove(userKey);
    }
    Set<UK> changedKeys = changed.get(key);
    if (changedKeys != null) {
      changedKeys.remove(userKey);
    }
    state.remove(userKey);
  }

  public boolean contains(K key, UK userKey) throws Exception {
    return get(key, userKey) != null;
  }

  /** Every entry for {@code key}, cached or in state, the cached value winning. A copy. */
  public Map<UK, UV> entries(K key) throws Exception {
    Map<UK, UV> keyValues = cached.computeIfAbsent(key, k -> new HashMap<>());
    if (complete.add(key)) {
      for (Map.Entry<UK, UV> entry : state.entries()) {
        if (!keyValues.containsKey(entry.getKey())) {
          keyValues.put(entry.getKey(), values.copy(entry.getValue()));
        }
      }
    }
    return new LinkedHashMap<>(keyValues);
  }

  /**
   * Puts every changed value into state; the cache keeps copies, since a heap state backend keeps
   * the very object put, and its snapshot must not see later changes.
   */
  public void writeBack(WritesBack.KeySwitch<K> keys) throws Exception {
    for (Map.Entry<K, Set<UK>> perKey : changed.entrySet()) {
      if (perKey.getValue().isEmpty()) {
        continue;
      }
      keys.setCurrentKey(perKey.getKey());
      Map<UK, UV> keyValues = cached.get(perKey.getKey());
      Map<UK, UV> toWrite = new HashMap<>();
      for (UK userKey : perKey.getValue()) {
        UV value = keyValues.get(userKey);
        toWrite.put(userKey, value);
        keyValues.put(userKey, values.copy(value));
      }
      state.putAll(toWrite);
    }
    changed.clear();
    // Keys with nothing left need no room; a complete key stays complete, and empty.
    cached.values().removeIf(Map::isEmpty);
  }
}
