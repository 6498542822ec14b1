package org.channelwatch.intake;

import java.nio.charset.StandardCharsets;
import org.channelwatch.connectors.privacy.PersonalData;

/**
 * One rejected input record, as written to the dead-letter topic and index (contract 1.4).
 *
 * <p>A Flink POJO. The excerpt and detail never carry personal data unmasked.
 */
public class DeadLetter {
  /** Contract 1.4: the excerpt is the first 1024 characters of the value. */
  public static final int EXCERPT_CHARS = 1024;

  public String reason;
  public String detail;
  /** Processing time the record was read, epoch milliseconds. */
  public long receivedAt;
  public String topic;
  public int partition;
  public long offset;
  public String excerpt;

  public DeadLetter() {}

  /** A dead letter for a record read from {@code topic/partition/offset}. */
  public static DeadLetter of(
      RejectReason reason, String detail, long receivedAt, String topic, int partition, long offset, byte[] value) {
    DeadLetter letter = new DeadLetter();
    letter.reason = reason.wireName();
    letter.detail = PersonalData.maskAll(detail);
    letter.receivedAt = receivedAt;
    letter.topic = topic;
    letter.partition = partition;
    letter.offset = offset;
    letter.excerpt = excerpt(value);
    return letter;
  }

  /** The first 1024 characters of the value with personal data masked. */
  static String excerpt(byte[] value) {
    return value == null ? "" : PersonalData.maskedExcerpt(new String(value, StandardCharsets.UTF_8), EXCERPT_CHARS);
  }

  @Override
  public String toString() {
    return reason + " at " + topic + "/" + partition + "/" + offset + ": " + detail;
  }
}
