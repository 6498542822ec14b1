package org.channelwatch.intake;

import org.channelwatch.domain.ChannelEvent;

/**
 * A record after parsing: either a valid event or a dead letter, never both, with where the
 * record came from.
 *
 * <p>Parsing happens in the Kafka source's deserializer so that watermarks come from each
 * partition's own event times; a dead letter carries no event time and never moves a watermark.
 * A valid event keeps its raw value until the intake split, because a valid event can still turn
 * out {@code late} there and its dead letter needs the excerpt.
 */
public class IntakeRecord {
  public ChannelEvent event;
  public DeadLetter deadLetter;
  public String topic;
  public int partition;
  public long offset;
  /** When Kafka received the record, epoch millis. */
  public long receivedAt;
  /** The raw value of a valid event; null for dead letters, whose excerpt is already taken. */
  public byte[] value;

  public IntakeRecord() {}

  public boolean isEvent() {
    return event != null;
  }

  /** Event time for watermarks; {@link Long#MIN_VALUE} for a dead letter so it moves nothing. */
  public long eventTimeOrMin() {
    return event == null ? Long.MIN_VALUE : event.time;
  }

  /** A dead letter for this record, whose event was valid but is refused for {@code reason}. */
  public DeadLetter reject(RejectReason reason, String detail) {
    return DeadLetter.of(reason, detail, receivedAt, topic, partition, offset, value);
  }

  @Override
  public String toString() {
    return isEvent() ? event.toString() : String.valueOf(deadLetter);
  }
}
