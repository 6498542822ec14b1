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
  void aDocumentElasticsearchRefusesForGoodDoesNotStopTheOthers() throws Exception {
    write(
        List.of(
            new EsDocument("channelwatch-indicators-2026.11.25", "bad", bytes("{\"windowStart\":\"not a date\"}")),
            new EsDocument("channelwatch-indicators-2026.11.25", "good", bytes("{\"windowStart\":\"2026-11-25T00:00:00Z\"}"))));
    assertThat(get("channelwatch-indicators-2026.11.25", "good").get("windowStart").asText())
        .isEqualTo("2026-11-25T00:00:00Z");
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
