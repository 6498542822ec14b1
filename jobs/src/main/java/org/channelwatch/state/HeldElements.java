package org.channelwatch.state;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;

/**
 * Elements a keyed function holds back until event time reaches a given time, kept on the heap and
 * checkpointed as raw keyed state, one key group at a time.
 *
 * <p>Rules hold events back until the watermark passes their time or the end of their minute, so
 * that they apply in event-time order whatever the order of arrival. Held in keyed state, each cost
 * a write when held and a read and a delete when released; with RocksDB the read searches the files
 * that each checkpoint's flush leaves, and that dominated the rules' cost. Few elements are held at
 * any moment (those ahead of the watermark), so the heap holds them and each checkpoint writes them
 * out. The function still registers an event-time timer for each time it holds something at, so
 * elements are released exactly when they were before, and the timers see the watermark as before.
 *
 * <p>A restore at another parallelism gives each subtask the elements of the key groups it now owns,
 * as for keyed state. Run the function in {@link WriteBackKeyedProcessOperator} or {@link
 * WriteBackKeyedCoProcessOperator}, which checkpoint and restore the elements. Not thread-safe, like
 * Flink's state.
 */
public final class HeldElements<K, T> {
  /** Layout of the raw keyed state, written first in every key group. */
  private static final int FORMAT_VERSION = 1;

  private final Map<K, TreeMap<Long, List<T>>> byKey = new HashMap<>();
  private int size;

  /** Holds {@code element} for {@code key} until {@code time}. */
  public void add(K key, long time, T element) {
    byKey.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(time, t -> new ArrayList<>(2)).add(element);
    size++;
  }

  /**
   * Releases what {@code key} holds until exactly {@code time}, in the order it was held; empty for
   * none. A non-empty list is the caller's to change.
   */
  public List<T> take(K key, long time) {
    TreeMap<Long, List<T>> times = byKey.get(key);
    if (times == null) {
      return List.of();
    }
    List<T> due = times.remove(time);
    if (due == null) {
      return List.of();
    }
    forgetIfEmpty(key, times);
    size -= due.size();
    return due;
  }

  /**
   * Releases what {@code key} holds until {@code time} or earlier, by time, then in the order held.
   * A non-empty list is the caller's to change.
   */
  public List<T> takeUpTo(K key, long time) {
    TreeMap<Long, List<T>> times = byKey.get(key);
    if (times == null || times.firstKey() > time) {
      return List.of();
    }
    List<T> due = new ArrayList<>();
    Iterator<List<T>> upTo = times.headMap(time, true).values().iterator();
    while (upTo.hasNext()) {
      due.addAll(upTo.next());
      upTo.remove();
    }
    forgetIfEmpty(key, times);
    size -= due.size();
    return due;
  }

  /** Whether {@code key} holds anything. */
  public boolean holdsAny(K key) {
    return byKey.containsKey(key);
  }

  /** Whether {@code key} holds something until exactly {@code time}. */
  public boolean holdsAt(K key, long time) {
    TreeMap<Long, List<T>> times = byKey.get(key);
    return times != null && times.containsKey(time);
  }

  /** How many elements are held, over all keys. */
  public int size() {
    return size;
  }

  private void forgetIfEmpty(K key, TreeMap<Long, List<T>> times) {
    if (times.isEmpty()) {
      byKey.remove(key);
    }
  }

  /**
   * Writes every held element into the raw keyed state of a snapshot, each under its key's key
   * group. Every key group of the subtask gets an entry, empty or not, as a restore expects; each
   * starts with the element serializer's snapshot, so that a later version of the element type reads
   * what this one wrote.
   */
  void snapshot(KeyedStateCheckpointOutputStream out, TypeSerializer<K> keys, TypeSerializer<T> elements, int maxParallelism)
      throws IOException {
    Map<Integer, List<K>> keysByGroup = new HashMap<>();
    for (K key : byKey.keySet()) {
      keysByGroup.computeIfAbsent(KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism), g -> new ArrayList<>()).add(key);
    }
    BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
    DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(buffered);
    for (int keyGroup : out.getKeyGroupList()) {
      out.startNewKeyGroup(keyGroup);
      List<K> groupKeys = keysByGroup.getOrDefault(keyGroup, List.of());
      view.writeInt(FORMAT_VERSION);
      TypeSerializerSnapshot.writeVersionedSnapshot(view, elements.snapshotConfiguration());
      view.writeInt(groupKeys.size());
      for (K key : groupKeys) {
        keys.serialize(key, view);
        TreeMap<Long, List<T>> times = byKey.get(key);
        view.writeInt(times.size());
        for (Map.Entry<Long, List<T>> atTime : times.entrySet()) {
          view.writeLong(atTime.getKey());
          view.writeInt(atTime.getValue().size());
          for (T element : atTime.getValue()) {
            elements.serialize(element, view);
          }
        }
      }
      // Each key group's bytes must reach the stream before the next group's offset is taken.
      buffered.flush();
    }
  }

  /** Adds the elements of one key group of a snapshot, read by the serializer that wrote them. */
  void restore(KeyGroupStatePartitionStreamProvider keyGroup, TypeSerializer<K> keys, ClassLoader classLoader)
      throws IOException {
    DataInputViewStreamWrapper in = new DataInputViewStreamWrapper(new DataInputStream(keyGroup.getStream()));
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException("held elements in an unknown layout (version " + version + ")");
    }
    TypeSerializerSnapshot<T> written = TypeSerializerSnapshot.readVersionedSnapshot(in, classLoader);
    TypeSerializer<T> elements = written.restoreSerializer();
    int keyCount = in.readInt();
    for (int k = 0; k < keyCount; k++) {
      K key = keys.deserialize(in);
      int timeCount = in.readInt();
      for (int t = 0; t < timeCount; t++) {
        long time = in.readLong();
        int elementCount = in.readInt();
        for (int e = 0; e < elementCount; e++) {
          add(key, time, elements.deserialize(in));
        }
      }
    }
  }
}
