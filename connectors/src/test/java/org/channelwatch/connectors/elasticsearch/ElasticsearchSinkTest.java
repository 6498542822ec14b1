package org.channelwatch.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.http.util.EntityUtils;
import org.channelwatch.connectors.local.LocalElasticsearch;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our sink against a real Elasticsearch node, run by a real Flink MiniCluster. */
class ElasticsearchSinkTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static LocalElasticsearch node;
  private static ElasticsearchConnection connection;

  @BeforeAll
  static void start() throws Exception {
    node = LocalElasticsearch.start(dir.resolve("es"), 0);
    connection = ElasticsearchConnection.of(node.url());
    try (ElasticsearchConnection.Clients clients = connection.open()) {
      IndexTemplates.install(clients, 0);
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(List<EsDocument> documents) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(documents, TypeInformation.of(EsDocument.class))
        .sinkTo(new ElasticsearchSink(connection, ElasticsearchSinkSettings.defaults()));
    env.execute("sink test");
  }

  private static JsonNode get(String index, String id) throws Exception {
    try (ElasticsearchConnection.Clients clients = connection.open()) {
      String body =
          EntityUtils.toString(clients.lowLevel().performRequest(new Request("GET", "/" + index + "/_doc/" + id)).getEntity());
      return JSON.readTree(body).get("_source");
    }
  }

  private static boolean exists(String index, String id) throws Exception {
    try (ElasticsearchConnection.Clients clients = connection.open()) {
      return clients.blocking().exists(e -> e.index(index).id(id)).value();
    }
  }

  @Test
  void laterWholeDocumentsReplaceEarlierOnesInOrder() throws Exception {
    write(
        List.of(
            new EsDocument("channelwatch-regions", "330000", bytes("{\"region\":\"330000\",\"rank\":3}")),
            new EsDocument("channelwatch-regions", "330000", bytes("{\"region\":\"330000\",\"rank\":1}"))));
    assertThat(get("channelwatch-regions", "330000").get("rank").asInt()).isEqualTo(1);
  }

  @Test
  void anUpsertKeepsTheFieldsOfTheFirstWrite() throws Exception {
    String id = "service_unavailable:330000:web:1795564800000";
    write(
        List.of(
            EsDocument.upsert(
                "channelwatch-incidents", id,
                bytes("{\"id\":\"" + id + "\",\"status\":\"open\",\"resolvedAt\":null,\"detectedAt\":\"2026-11-25T00:02:00Z\"}"),
                bytes("{\"id\":\"" + id + "\",\"status\":\"open\",\"resolvedAt\":null}")),
            EsDocument.upsert(
                "channelwatch-incidents", id,
                bytes("{\"id\":\"" + id + "\",\"status\":\"resolved\",\"resolvedAt\":\"2026-11-25T00:05:00Z\",\"detectedAt\":\"2026-11-25T00:06:00Z\"}"),
                bytes("{\"id\":\"" + id + "\",\"status\":\"resolved\",\"resolvedAt\":\"2026-11-25T00:05:00Z\"}"))));

    JsonNode incident = get("channelwatch-incidents", id);
    assertThat(incident.get("status").asText()).isEqualTo("resolved");
    assertThat(incident.get("resolvedAt").asText()).isEqualTo("2026-11-25T00:05:00Z");
    assertThat(incident.get("detectedAt").asText()).isEqualTo("2026-11-25T00:02:00Z");
  }

  @Test
  void aMappingConflictBecomesARejectedBySinkDeadLetterWhileTheRestOfTheBulkIsWritten() throws Exception {
    String index = "channelwatch-indicators-2026.11.25";
    write(
        List.of(
            new EsDocument(index, "good-1", bytes("{\"windowStart\":\"2026-11-25T00:00:00Z\"}")),
            new EsDocument(index, "bad", bytes("{\"windowStart\":\"not a date\",\"applicantId\":\"13912345678\"}")),
            new EsDocument(index, "good-2", bytes("{\"windowStart\":\"2026-11-25T00:01:00Z\"}"))));

    assertThat(get(index, "good-1").get("windowStart").asText()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(get(index, "good-2").get("windowStart").asText()).isEqualTo("2026-11-25T00:01:00Z");
    assertThat(exists(index, "bad")).isFalse();
    JsonNode letter = get("channelwatch-deadletter", "rejected_by_sink:" + index + ":bad");
    assertThat(letter.get("reason").asText()).isEqualTo("rejected_by_sink");
    assertThat(letter.get("index").asText()).isEqualTo(index);
    assertThat(letter.get("documentId").asText()).isEqualTo("bad");
    assertThat(letter.get("status").asInt()).isEqualTo(400);
    assertThat(letter.get("errorType").asText()).contains("parsing_exception");
    assertThat(letter.get("detail").asText()).contains("windowStart");
    assertThat(letter.get("excerpt").asText()).contains("not a date").contains("*******5678").doesNotContain("13912345678");
  }

  @Test
  void aDeadLetterThatIsRefusedInTurnIsDroppedNotLooped() throws Exception {
    // partition is an integer in the dead-letter template: this dead letter cannot be stored, and its
    // own dead letter would go to the same index. The sink must finish rather than loop.
    write(
        List.of(
            new EsDocument("channelwatch-deadletter", "broken", bytes("{\"reason\":\"schema\",\"partition\":\"not a number\"}")),
            new EsDocument("channelwatch-regions", "110000", bytes("{\"region\":\"110000\"}"))));

    assertThat(exists("channelwatch-deadletter", "broken")).isFalse();
    assertThat(exists("channelwatch-deadletter", "rejected_by_sink:channelwatch-deadletter:broken")).isFalse();
    assertThat(get("channelwatch-regions", "110000").get("region").asText()).isEqualTo("110000");
  }

  @Test
  void aWatermarkPassingTheEndOfAMinuteSendsTheBufferWithoutWaitingForItsTimer() throws Exception {
    long t0 = java.time.Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    // Never ends, and the buffer's own timer is an hour: only the watermark can send the first document.
    env.fromSequence(0, Long.MAX_VALUE)
        .map(new SlowMinutes(t0))
        .assignTimestampsAndWatermarks(
            org.apache.flink.api.common.eventtime.WatermarkStrategy.<EsDocument>forMonotonousTimestamps()
                .withTimestampAssigner((document, previous) -> SlowMinutes.timeOf(document)))
        .sinkTo(new ElasticsearchSink(
            connection, ElasticsearchSinkSettings.defaults().withMaxTimeInBuffer(java.time.Duration.ofHours(1))));
    org.apache.flink.core.execution.JobClient job = env.executeAsync("sink flushes at the watermark");
    try {
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
      while (!exists("channelwatch-regions", "minute-0") && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(exists("channelwatch-regions", "minute-0")).as("the first minute's document, sent at the watermark").isTrue();
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void aRetryPendingWhenTheJobIsCancelledIsDroppedQuietly() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ElasticsearchConnection unreachable = ElasticsearchConnection.of("http://127.0.0.1:" + closedPort);
    ElasticsearchSinkSettings settings =
        new ElasticsearchSinkSettings(
            1000, 5L * 1024 * 1024, 1, 20_000, java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(100),
            java.time.Duration.ofMillis(500));
    List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(1);
      env.fromData(List.of(new EsDocument("channelwatch-regions", "unreachable", bytes("{\"region\":\"110000\"}"))),
              TypeInformation.of(EsDocument.class))
          .sinkTo(new ElasticsearchSink(unreachable, settings));
      org.apache.flink.core.execution.JobClient job = env.executeAsync("sink retries, then is cancelled");
      // Connections are refused at once, so the writer is retrying every few hundred milliseconds by now.
      Thread.sleep(3_000);
      job.cancel().get();
      Thread.sleep(2 * settings.retryCap().toMillis());
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    assertThat(uncaught).as("exceptions thrown after the writer closed").isEmpty();
  }

  /** Document {@code minute-i} at 10 s into minute {@code i}, one every 200 ms. */
  static final class SlowMinutes implements org.apache.flink.api.common.functions.MapFunction<Long, EsDocument> {
    private final long t0;

    SlowMinutes(long t0) {
      this.t0 = t0;
    }

    @Override
    public EsDocument map(Long i) throws Exception {
      Thread.sleep(200);
      long time = t0 + i * 60_000 + 10_000;
      return new EsDocument("channelwatch-regions", "minute-" + i, bytes("{\"region\":\"" + time + "\"}"));
    }

    static long timeOf(EsDocument document) {
      String source = document.sourceAsString();
      return Long.parseLong(source.substring(source.indexOf(':') + 2, source.length() - 2));
    }
  }

  @Test
  void aWindowEndIsPassedWhenTheWatermarkReachesItsLastMillisecond() {
    ElasticsearchSinkSettings settings = ElasticsearchSinkSettings.defaults();
    assertThat(settings.passesWindowEnd(59_998, 59_999)).isTrue();
    assertThat(settings.passesWindowEnd(0, 59_998)).isFalse();
    assertThat(settings.passesWindowEnd(59_999, 119_998)).isFalse();
    assertThat(settings.passesWindowEnd(Long.MIN_VALUE, 10)).isTrue();
    assertThat(settings.passesWindowEnd(10, Long.MAX_VALUE)).isTrue();
    assertThat(settings.withFlushAtWatermarkEvery(java.time.Duration.ZERO).passesWindowEnd(59_998, 59_999)).isFalse();
  }

  @Test
  void checkpointsBufferedDocumentsAndReadsThemBack() throws Exception {
    EsDocumentStateSerializer serializer = new EsDocumentStateSerializer();
    List<EsDocument> documents =
        List.of(
            new EsDocument("i", "1", bytes("{\"a\":1}")),
            EsDocument.upsert("i", "2", bytes("{\"a\":2,\"first\":true}"), bytes("{\"a\":2}")));
    var state =
        new org.apache.flink.connector.base.sink.writer.BufferedRequestState<>(
            documents.stream()
                .map(d -> new org.apache.flink.connector.base.sink.writer.RequestEntryWrapper<>(d, d.sizeInBytes()))
                .toList());

    var restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(state)).getBufferedRequestEntries();

    assertThat(restored).hasSize(2);
    EsDocument plain = restored.get(0).getRequestEntry();
    EsDocument upsert = restored.get(1).getRequestEntry();
    assertThat(plain.index() + plain.id() + plain.sourceAsString()).isEqualTo("i1{\"a\":1}");
    assertThat(plain.update()).isNull();
    assertThat(new String(upsert.update(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":2}");
    assertThat(restored.get(1).getSize()).isEqualTo(upsert.sizeInBytes());
  }
}
