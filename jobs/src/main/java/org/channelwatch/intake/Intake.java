package org.channelwatch.intake;

import java.time.Clock;

/** Parses one record read from a topic partition into an {@link IntakeRecord}. Never throws. */
public final class Intake implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final EventParser parser;
  private final Clock clock;

  public Intake(Clock clock) {
    this.parser = new EventParser(clock);
    this.clock = clock;
  }

  /**
   * @param receivedAt when Kafka received the record (its timestamp), epoch millis; negative when
   *     unknown, and then the processing clock is used. The broker's time, unlike ours, is the same
   *     when a topic is replayed, so replayed dead letters rewrite identical documents.
   */
  public IntakeRecord read(String topic, int partition, long offset, long receivedAt, byte[] value) {
    IntakeRecord record = new IntakeRecord();
    record.topic = topic;
    record.partition = partition;
    record.offset = offset;
    record.receivedAt = receivedAt >= 0 ? receivedAt : clock.millis();
    ParseResult result = parser.parse(value);
    if (result.isAccepted()) {
      record.event = result.event();
      record.value = value;
    } else {
      record.deadLetter =
          DeadLetter.of(result.reason(), result.detail(), record.receivedAt, topic, partition, offset, value);
    }
    return record;
  }
}
