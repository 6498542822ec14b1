package org.channelwatch.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StateSerializerProvider;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.runtime.state.restore.FullSnapshotRestoreOperation;
import org.apache.flink.runtime.state.restore.KeyGroup;
import org.apache.flink.runtime.state.restore.KeyGroupEntry;
import org.apache.flink.runtime.state.restore.SavepointRestoreResult;
import org.apache.flink.runtime.state.restore.ThrowingIterator;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;

/**
 * Counts what a savepoint in Flink's canonical format holds in each piece of keyed state: entries,
 * and the bytes of their serialised keys and values.
 *
 * <p>The canonical format is the same whatever the state backend: every entry as its serializers
 * write it, which is what state costs before a backend's own overhead or compression. The savepoint
 * is read with Flink's own restore code, as a backend restoring it would. Timers count as a state of
 * their own ({@code _timer_state/...}). Every key is a string in ChannelWatch.
 */
public final class StateCensus {

  /** One piece of keyed state of one operator, summed over its subtasks. */
  public record StateFigures(String state, long entries, long keyBytes, long valueBytes) {
    long bytes() {
      return keyBytes + valueBytes;
    }
  }

  /**
   * One operator's keyed state.
   *
   * @param handleBytes the size of all its state in the savepoint's files, as Flink reports it
   * @param rawKeyedBytes of those, the raw keyed state an operator writes itself (its own layout)
   */
  record OperatorFigures(String uid, long handleBytes, long rawKeyedBytes, Map<String, StateFigures> states) {
    long bytes() {
      return states.values().stream().mapToLong(StateFigures::bytes).sum();
    }

    long entries(String state) {
      StateFigures figures = states.get(state);
      return figures == null ? 0 : figures.entries();
    }

    long bytes(String... stateNames) {
      long sum = 0;
      for (String name : stateNames) {
        StateFigures figures = states.get(name);
        sum += figures == null ? 0 : figures.bytes();
      }
      return sum;
    }
  }

  private StateCensus() {}

  /** The keyed state of each operator, by uid, of the savepoint in {@code savepointDir}. */
  static Map<String, OperatorFigures> of(Path savepointDir, List<String> uids) throws Exception {
    CheckpointMetadata metadata;
    ClassLoader classLoader = StateCensus.class.getClassLoader();
    try (InputStream file = Files.newInputStream(savepointDir.resolve("_metadata"));
        DataInputStream in = new DataInputStream(file)) {
      metadata = Checkpoints.loadCheckpointMetadata(in, classLoader, savepointDir.toUri().toString());
    }
    Map<String, OperatorFigures> figures = new LinkedHashMap<>();
    for (String uid : uids) {
      Optional<OperatorState> state = operator(metadata, uid);
      if (state.isPresent()) {
        figures.put(uid, census(uid, state.get(), classLoader));
      }
    }
    return figures;
  }

  private static Optional<OperatorState> operator(CheckpointMetadata metadata, String uid) {
    OperatorID id = new OperatorID(StreamGraphHasherV2.generateUserSpecifiedHash(uid));
    return metadata.getOperatorStates().stream().filter(state -> state.getOperatorID().equals(id)).findFirst();
  }

  private static OperatorFigures census(String uid, OperatorState operator, ClassLoader classLoader) throws Exception {
    Map<String, long[]> sums = new LinkedHashMap<>();
    long rawKeyedBytes = 0;
    for (OperatorSubtaskState subtask : operator.getStates()) {
      for (KeyedStateHandle raw : subtask.getRawKeyedState()) {
        rawKeyedBytes += raw.getStateSize();
      }
      Collection<KeyedStateHandle> handles = subtask.getManagedKeyedState();
      if (handles.isEmpty()) {
        continue;
      }
      KeyGroupRange range = KeyGroupRange.EMPTY_KEY_GROUP_RANGE;
      for (KeyedStateHandle handle : handles) {
        range = range.getNumberOfKeyGroups() == 0 ? handle.getKeyGroupRange() : union(range, handle.getKeyGroupRange());
      }
      FullSnapshotRestoreOperation<String> restore =
          new FullSnapshotRestoreOperation<>(
              range, classLoader, handles, StateSerializerProvider.fromNewRegisteredSerializer(StringSerializer.INSTANCE));
      try (ThrowingIterator<SavepointRestoreResult> results = restore.restore()) {
        while (results.hasNext()) {
          count(results.next(), sums);
        }
      }
    }
    Map<String, StateFigures> states = new LinkedHashMap<>();
    sums.forEach((name, s) -> states.put(name, new StateFigures(name, s[0], s[1], s[2])));
    return new OperatorFigures(uid, operator.getStateSize(), rawKeyedBytes, states);
  }

  private static void count(SavepointRestoreResult result, Map<String, long[]> sums) throws Exception {
    List<String> names = new ArrayList<>();
    for (StateMetaInfoSnapshot meta : result.getStateMetaInfoSnapshots()) {
      names.add(meta.getName());
      sums.computeIfAbsent(meta.getName(), name -> new long[3]);
    }
    try (ThrowingIterator<KeyGroup> groups = result.getRestoredKeyGroups()) {
      while (groups.hasNext()) {
        try (ThrowingIterator<KeyGroupEntry> entries = groups.next().getKeyGroupEntries()) {
          while (entries.hasNext()) {
            KeyGroupEntry entry = entries.next();
            long[] sum = sums.get(names.get(entry.getKvStateId()));
            sum[0]++;
            sum[1] += entry.getKey().length;
            sum[2] += entry.getValue().length;
          }
        }
      }
    }
  }

  private static KeyGroupRange union(KeyGroupRange a, KeyGroupRange b) {
    return KeyGroupRange.of(
        Math.min(a.getStartKeyGroup(), b.getStartKeyGroup()), Math.max(a.getEndKeyGroup(), b.getEndKeyGroup()));
  }
}
