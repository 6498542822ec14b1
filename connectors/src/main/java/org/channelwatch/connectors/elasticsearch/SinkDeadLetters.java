package org.channelwatch.connectors.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.channelwatch.connectors.privacy.PersonalData;

/**
 * Dead letters for documents Elasticsearch refused for good (contract 5: reason {@code
 * rejected_by_sink}), in the shape of the intake's dead letters in {@code channelwatch-deadletter}.
 *
 * <p>Fields: {@code reason}, {@code detail} (the error's type and reason), {@code receivedAt} (when
 * the refusal came), {@code index} and {@code documentId} of the refused document, {@code status}
 * (its HTTP status), {@code errorType}, and {@code excerpt} (its first 1024 characters). Detail and
 * excerpt have personal data masked, since Elasticsearch quotes field values in its reasons. The
 * Kafka {@code topic}, {@code partition} and {@code offset} of intake dead letters are absent: a
 * document is computed from many records. The id is {@code rejected_by_sink:{index}:{id}}, so a
 * retry, a restart or a replay rewrites the same dead letter.
 */
public final class SinkDeadLetters {

  public static final String INDEX = "channelwatch-deadletter";
  public static final String REASON = "rejected_by_sink";
  /** Contract 1.4: an excerpt is the first 1024 characters. */
  public static final int EXCERPT_CHARS = 1024;
  /** Elasticsearch refuses ids over 512 bytes; longer ones are replaced by their SHA-256. */
  private static final int MAX_ID_BYTES = 512;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SinkDeadLetters() {}

  /** Elasticsearch's answer for one refused document. */
  public record Refusal(int status, String errorType, String reason) {}

  /** The dead letter for {@code refused}, under a deterministic id. */
  public static EsDocument of(EsDocument refused, Refusal refusal, Instant receivedAt) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("reason", REASON);
    doc.put("detail", PersonalData.maskAll(refusal.errorType() + ": " + refusal.reason()));
    doc.put("receivedAt", receivedAt.toString());
    doc.put("index", refused.index());
    doc.put("documentId", refused.id());
    doc.put("status", refusal.status());
    doc.put("errorType", refusal.errorType());
    doc.put("excerpt", PersonalData.maskedExcerpt(refused.sourceAsString(), EXCERPT_CHARS));
    try {
      return new EsDocument(INDEX, idFor(refused), JSON.writeValueAsBytes(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a dead letter could not be written as JSON", e);
    }
  }

  static String idFor(EsDocument refused) {
    String id = REASON + ":" + refused.index() + ":" + refused.id();
    if (id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
      return id;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return REASON + ":" + refused.index() + ":sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Whether {@code document} is itself a dead letter, which must not be dead-lettered again. */
  public static boolean isDeadLetter(EsDocument document) {
    return INDEX.equals(document.index());
  }
}
