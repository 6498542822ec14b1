package org.channelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.domain.Regions;
import org.channelwatch.job.JobLauncher;
import org.channelwatch.simulator.EventSimulator;
import org.channelwatch.simulator.SimulatedEvent;
import org.channelwatch.simulator.SimulatorProfile;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Five simulated minutes of all 32 regions through real Kafka, Flink and Elasticsearch give every
 * field of contract 4, region and item documents, and exactly the same per-minute documents at
 * parallelism 1 and 2.
 */
class IndicatorsEndToEndTest {

  private static final String TOPIC = "indicators.events";
  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
  private static final int MINUTES = 5;
  private static final List<String> INDICES =
      List.of("channelwatch-indicators-*", "channelwatch-regions", "channelwatch-items");
  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = Stack.start("indicators");
    stack.services.kafka().createTopics(2, TOPIC);
    EventSimulator simulator = new EventSimulator(SimulatorProfile.defaults().withoutFaults(), 42L, T0);
    List<String> events = new ArrayList<>();
    for (SimulatedEvent event : simulator.next(T0.plus(Duration.ofMinutes(MINUTES)))) {
      events.add(event.json());
    }
    // A last access event per region moves event time past the final minute everywhere.
    for (var region : Regions.all()) {
      events.add(Events.access("end-" + region.code(), region.code(), "hall",
          T0.plus(Duration.ofMinutes(MINUTES + 2)).toString(), "ok", null));
    }
    stack.publish(TOPIC, events);
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void writesEveryFieldAndTheSameMinuteDocumentsAtParallelismOneAndTwo() throws Exception {
    Map<String, Map<String, JsonNode>> atOne = run(1);
    Map<String, Map<String, JsonNode>> atTwo = run(2);

    Map<String, JsonNode> minutes = atOne.get("channelwatch-indicators-*");
    // Every minute of every region up to the last one event time has passed.
    assertThat(minutes).hasSize(32 * (MINUTES + 1));
    assertThat(minutes.values())
        .allSatisfy(doc -> assertThat(doc.fieldNames()).toIterable().contains(
            "region", "regionName", "windowStart", "windowEnd", "access", "cases", "visits", "ratings",
            "catalog", "incidents", "scores"));
    assertThat(atOne.get("channelwatch-regions")).hasSize(32);
    assertThat(atOne.get("channelwatch-regions").values())
        .allSatisfy(doc -> assertThat(doc.get("rank").asInt()).isBetween(1, 32));
    assertThat(atOne.get("channelwatch-items")).isNotEmpty();

    // Region and item documents are rewritten as event time moves, and the ranking runs behind
    // the per-minute documents, so when a run "has finished" is not yet well defined for them;
    // comparing them waits on a fix of that (issue 5). The per-minute documents are final.
    assertThat(atTwo.get("channelwatch-indicators-*")).isEqualTo(minutes);
  }

  /** Runs the job from the start of the topic into empty indices and returns what it wrote. */
  private static Map<String, Map<String, JsonNode>> run(int parallelism) throws Exception {
    deleteIndices();
    JobLauncher.Options o = stack.jobOptions(TOPIC, 2, parallelism);
    JobLauncher.Options options =
        new JobLauncher.Options(
            o.kafka(), o.eventsTopic(), o.deadLetterTopic(), o.alertTopic(), o.webhookUrl(),
            o.groupId() + "-p" + parallelism, o.topicPartitions(), o.elasticsearch(), o.replicas(), parallelism,
            o.checkpointDir(), o.checkpointInterval(), o.stateBackend(), o.job(), o.sink(), o.metricsPorts());
    JobClient job = JobLauncher.start(options);
    try {
      int expectedMinutes = 32 * (MINUTES + 1);
      stack.awaitDocuments("channelwatch-indicators-*", docs -> docs.size() >= expectedMinutes, Duration.ofMinutes(4));
      // The region ranks and items of the last minute come with it; wait until nothing changes.
      Map<String, Map<String, JsonNode>> previous = null;
      Map<String, Map<String, JsonNode>> current = contents();
      while (!current.equals(previous)) {
        Thread.sleep(2_000);
        previous = current;
        current = contents();
      }
      return current;
    } finally {
      job.cancel().get();
    }
  }

  private static Map<String, Map<String, JsonNode>> contents() throws Exception {
    Map<String, Map<String, JsonNode>> contents = new LinkedHashMap<>();
    for (String index : INDICES) {
      Map<String, JsonNode> byId = new LinkedHashMap<>();
      for (Stack.Document doc : stack.documents(index)) {
        byId.put(doc.id(), doc.source());
      }
      contents.put(index, byId);
    }
    return contents;
  }

  private static void deleteIndices() throws Exception {
    try (ElasticsearchConnection.Clients clients = stack.elasticsearch.open()) {
      Request delete = new Request("DELETE", "/channelwatch-indicators-2026.11.24,channelwatch-regions,channelwatch-items");
      delete.addParameter("ignore_unavailable", "true");
      delete.addParameter("allow_no_indices", "true");
      clients.lowLevel().performRequest(delete);
    }
  }
}
