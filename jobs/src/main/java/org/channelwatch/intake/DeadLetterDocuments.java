package org.channelwatch.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.connectors.elasticsearch.SinkDeadLetters;

/** Builds dead-letter documents for the {@code channelwatch-deadletter} index and topic. */
public final class DeadLetterDocuments {

  /** Shared with the sink's {@code rejected_by_sink} dead letters, which have the same shape. */
  public static final String INDEX = SinkDeadLetters.INDEX;
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeadLetterDocuments() {}

  /** The record's place in Kafka identifies it, so a replay rewrites the same dead letter. */
  public static String idFor(DeadLetter letter) {
    return letter.topic + ":" + letter.partition + ":" + letter.offset;
  }

  public static byte[] json(DeadLetter letter) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("reason", letter.reason);
    doc.put("detail", letter.detail);
    doc.put("receivedAt", Instant.ofEpochMilli(letter.receivedAt).toString());
    doc.put("topic", letter.topic);
    doc.put("partition", letter.partition);
    doc.put("offset", letter.offset);
    doc.put("excerpt", letter.excerpt);
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a dead letter could not be written as JSON", e);
    }
  }

  public static EsDocument document(DeadLetter letter) {
    return new EsDocument(INDEX, idFor(letter), json(letter));
  }
}
