package org.channelwatch.job;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.channelwatch.domain.ChannelEvent;

/**
 * Passes each event once: a later event with the same {@code source} and {@code id} is a repeat
 * delivery (contract 1.1) and is dropped. Runs keyed by {@link ChannelEvent#dedupKey()}.
 *
 * <p>An id is remembered until the watermark reaches {@code span} past its event time (past the
 * watermark, for an event already behind it), because the contract measures the span in event time.
 *
 * <p>Every event is a new key that lives an hour, so per-key state would cost a state read, two
 * writes and a timer per event, and a hundred bytes per id. Instead the ids are kept on the heap as
 * the first 128 bits of the SHA-256 of source and id (two different ids share them with a chance of
 * about 10^-26 among a million, and cannot be made to on purpose), indexed by when they are
 * forgotten, and checkpointed as raw keyed state, 24 bytes an id, per key group, so that a restore
 * at another parallelism gives each subtask the ids of its key groups. Raw keyed state rules out
 * RocksDB's heap timers (Flink refuses the combination with a clear message); this operator has
 * no timers of its own.
 */
final class DeduplicateEvents extends AbstractStreamOperator<ChannelEvent>
    implements OneInputStreamOperator<ChannelEvent, ChannelEvent> {
  private static final long serialVersionUID = 2L;

  /** Layout of the raw keyed state, written first in every key group. */
  private static final int FORMAT_VERSION = 1;
  /** Bytes of one remembered id in a checkpoint: its hash and when it is forgotten. */
  private static final int ID_BYTES = 3 * Long.BYTES;
  /** Ids to forget are kept in buckets of this much event time. */
  private static final long BUCKET_MILLIS = 1_000;

  private final long spanMillis;
  private transient Map<RememberedId, RememberedId> remembered;
  private transient TreeMap<Long, List<RememberedId>> byForgetBucket;
  private transient long watermark;
  private transient int maxParallelism;
  private transient MessageDigest sha256;
  private transient Counter duplicates;

  DeduplicateEvents(Duration span) {
    this.spanMillis = span.toMillis();
  }

  @Override
  protected boolean isUsingCustomRawKeyedState() {
    return true;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    remembered = new HashMap<>();
    byForgetBucket = new TreeMap<>();
    watermark = Long.MIN_VALUE;
    maxParallelism = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
    sha256 = newSha256();
    for (KeyGroupStatePartitionStreamProvider keyGroup : context.getRawKeyedStateInputs()) {
      read(keyGroup.getKeyGroupId(), new DataInputStream(keyGroup.getStream()));
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    duplicates = getMetricGroup().counter(Metrics.DUPLICATES);
    getMetricGroup().gauge(Metrics.REMEMBERED_EVENT_IDS, this::remembered);
  }

  @Override
  public void processElement(StreamRecord<ChannelEvent> element) {
    ChannelEvent event = element.getValue();
    RememberedId id = RememberedId.of(sha256, event.source, event.id);
    if (remembered.containsKey(id)) {
      duplicates.inc();
      return;
    }
    // A catalog event may lie far behind the watermark; count its span from now, not from its time.
    id.forgetAt = Math.max(event.time, watermark) + spanMillis;
    id.keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(getCurrentKey(), maxParallelism);
    remember(id);
    output.collect(element);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    watermark = mark.getTimestamp();
    forgetUpTo(watermark);
    super.processWatermark(mark);
  }

  /** Forgets every id whose time has come at watermark {@code now}, as an event-time timer would. */
  private void forgetUpTo(long now) {
    while (!byForgetBucket.isEmpty() && byForgetBucket.firstKey() <= now) {
      for (RememberedId id : byForgetBucket.pollFirstEntry().getValue()) {
        remembered.remove(id);
      }
    }
    // The bucket holding the watermark may hold ids due by now and ids due later.
    Map.Entry<Long, List<RememberedId>> partly = byForgetBucket.firstEntry();
    if (partly != null && partly.getKey() - BUCKET_MILLIS < now) {
      Iterator<RememberedId> ids = partly.getValue().iterator();
      while (ids.hasNext()) {
        RememberedId id = ids.next();
        if (id.forgetAt <= now) {
          remembered.remove(id);
          ids.remove();
        }
      }
    }
  }

  private void remember(RememberedId id) {
    remembered.put(id, id);
    long bucket = Math.floorDiv(id.forgetAt + BUCKET_MILLIS - 1, BUCKET_MILLIS) * BUCKET_MILLIS;
    byForgetBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(id);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    // Written in the checkpoint's synchronous part, so it is kept cheap: the ids are put in key group
    // order by counting (no map per group), then streamed out through a buffer.
    int[] start = new int[maxParallelism + 1];
    for (List<RememberedId> bucket : byForgetBucket.values()) {
      for (RememberedId id : bucket) {
        start[id.keyGroup + 1]++;
      }
    }
    for (int group = 0; group < maxParallelism; group++) {
      start[group + 1] += start[group];
    }
    RememberedId[] inGroupOrder = new RememberedId[start[maxParallelism]];
    int[] next = start.clone();
    for (List<RememberedId> bucket : byForgetBucket.values()) {
      for (RememberedId id : bucket) {
        inGroupOrder[next[id.keyGroup]++] = id;
      }
    }
    KeyedStateCheckpointOutputStream out = context.getRawKeyedOperatorStateOutput();
    // Filled a chunk at a time and written whole: a DataOutputStream wrote each long a byte at a
    // time, and this runs in the checkpoint's synchronous part.
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    for (int keyGroup : out.getKeyGroupList()) {
      out.startNewKeyGroup(keyGroup);
      chunk.putInt(FORMAT_VERSION);
      chunk.putInt(start[keyGroup + 1] - start[keyGroup]);
      for (int i = start[keyGroup]; i < start[keyGroup + 1]; i++) {
        if (chunk.remaining() < ID_BYTES) {
          out.write(chunk.array(), 0, chunk.position());
          chunk.clear();
        }
        chunk.putLong(inGroupOrder[i].high);
        chunk.putLong(inGroupOrder[i].low);
        chunk.putLong(inGroupOrder[i].forgetAt);
      }
      // Each key group's bytes must reach the stream before the next group's offset is taken.
      out.write(chunk.array(), 0, chunk.position());
      chunk.clear();
    }
  }

  private void read(int keyGroup, DataInputStream in) throws IOException {
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException("remembered event ids in an unknown layout (version " + version + ")");
    }
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      RememberedId id = new RememberedId(in.readLong(), in.readLong());
      id.forgetAt = in.readLong();
      id.keyGroup = keyGroup;
      remember(id);
    }
  }

  /** How many ids this subtask remembers now. */
  @VisibleForTesting
  int remembered() {
    return remembered.size();
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** One remembered id: its hash (equality), when to forget it and its key group (neither in equality). */
  static final class RememberedId {
    final long high;
    final long low;
    long forgetAt;
    int keyGroup;

    RememberedId(long high, long low) {
      this.high = high;
      this.low = low;
    }

    static RememberedId of(MessageDigest sha256, String source, String id) {
      sha256.update(source.getBytes(StandardCharsets.UTF_8));
      // A separator no source contains, so that ("/a", "bc") and ("/ab", "c") differ.
      sha256.update((byte) 0);
      byte[] digest = sha256.digest(id.getBytes(StandardCharsets.UTF_8));
      return new RememberedId(longAt(digest, 0), longAt(digest, 8));
    }

    private static long longAt(byte[] bytes, int offset) {
      long value = 0;
      for (int i = offset; i < offset + 8; i++) {
        value = (value << 8) | (bytes[i] & 0xff);
      }
      return value;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof RememberedId that && high == that.high && low == that.low;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(high);
    }
  }
}
