package org.channelwatch.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SinkDeadLettersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SinkDeadLetters.Refusal CONFLICT =
      new SinkDeadLetters.Refusal(
          400,
          "document_parsing_exception",
          "[1:16] failed to parse field [windowStart] of type [date]. Preview of field's value: '13912345678'");

  private static EsDocument document(String id, String json) {
    return new EsDocument("channelwatch-indicators-2026.11.25", id, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void carriesTheErrorAndAMaskedExcerptInTheDeadLetterShape() throws Exception {
    EsDocument refused = document("330000:1795564800000", "{\"windowStart\":\"13912345678\"}");

    EsDocument letter = SinkDeadLetters.of(refused, CONFLICT, Instant.parse("2026-11-25T08:00:00Z"));

    assertThat(letter.index()).isEqualTo("channelwatch-deadletter");
    assertThat(letter.id()).isEqualTo("rejected_by_sink:channelwatch-indicators-2026.11.25:330000:1795564800000");
    JsonNode doc = JSON.readTree(letter.source());
    assertThat(doc.get("reason").asText()).isEqualTo("rejected_by_sink");
    assertThat(doc.get("receivedAt").asText()).isEqualTo("2026-11-25T08:00:00Z");
    assertThat(doc.get("index").asText()).isEqualTo("channelwatch-indicators-2026.11.25");
    assertThat(doc.get("documentId").asText()).isEqualTo("330000:1795564800000");
    assertThat(doc.get("status").asInt()).isEqualTo(400);
    assertThat(doc.get("errorType").asText()).isEqualTo("document_parsing_exception");
    assertThat(doc.get("detail").asText())
        .startsWith("document_parsing_exception: [1:16] failed to parse field [windowStart]")
        .endsWith("'*******5678'");
    assertThat(doc.get("excerpt").asText()).isEqualTo("{\"windowStart\":\"*******5678\"}");
    assertThat(doc.has("topic")).isFalse();
    assertThat(letter.toString()).doesNotContain("13912345678");
  }

  @Test
  void theSameRefusalGivesTheSameIdAndAnExcerptOf1024Characters() throws Exception {
    EsDocument refused = document("a", "{\"x\":\"" + "y".repeat(2000) + "\"}");
    EsDocument first = SinkDeadLetters.of(refused, CONFLICT, Instant.EPOCH);
    EsDocument again = SinkDeadLetters.of(refused, CONFLICT, Instant.now());
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(JSON.readTree(first.source()).get("excerpt").asText()).hasSize(1024).startsWith("{\"x\":\"yyy");
    assertThat(SinkDeadLetters.isDeadLetter(first)).isTrue();
    assertThat(SinkDeadLetters.isDeadLetter(refused)).isFalse();
  }

  @Test
  void anIdTooLongForElasticsearchIsHashed() {
    String id = SinkDeadLetters.idFor(document("i".repeat(500), "{}"));
    assertThat(id).startsWith("rejected_by_sink:channelwatch-indicators-2026.11.25:sha256:").hasSize(
        "rejected_by_sink:channelwatch-indicators-2026.11.25:sha256:".length() + 64);
  }

  @Test
  void bulkItemStatusesAreSorted() {
    assertThat(BulkItemStatus.of(200)).isEqualTo(BulkItemStatus.DONE);
    assertThat(BulkItemStatus.of(201)).isEqualTo(BulkItemStatus.DONE);
    for (int status : new int[] {408, 429, 500, 503}) {
      assertThat(BulkItemStatus.of(status)).as("" + status).isEqualTo(BulkItemStatus.RETRY);
    }
    assertThat(BulkItemStatus.of(401)).isEqualTo(BulkItemStatus.DENIED);
    assertThat(BulkItemStatus.of(403)).isEqualTo(BulkItemStatus.DENIED);
    for (int status : new int[] {400, 404, 409, 413}) {
      assertThat(BulkItemStatus.of(status)).as("" + status).isEqualTo(BulkItemStatus.REJECTED);
    }
  }
}
