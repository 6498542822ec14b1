package org.channelwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.local.LocalKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner paces events in real time and publishes them to Kafka keyed by region. */
class SimulatorRunnerTest {

  private static final SimulatorProfile PROFILE = SimulatorProfile.defaults().withoutFaults();

  @TempDir Path kafkaDir;

  @Test
  void publishesToARealBrokerKeyedByRegion() throws Exception {
    String topic = SimulatorRunner.DEFAULT_TOPIC;
    try (LocalKafka kafka = LocalKafka.start(kafkaDir, 0)) {
      kafka.createTopics(2, topic);
      EventSimulator simulator = new EventSimulator(PROFILE, 2L, Instant.now());
      SimulatorRunner runner =
          SimulatorRunner.start(KafkaSettings.of(kafka.bootstrapServers()), topic, simulator, 2000);
      Thread.sleep(2000);
      runner.stop();
      assertThat(runner.firstFailure()).isNull();
      assertThat(runner.eventsFailed()).isZero();
      assertThat(runner.eventsSent()).isEqualTo(runner.eventsGenerated()).isGreaterThan(1000);

      List<ConsumerRecord<String, String>> records = readAll(kafka.bootstrapServers(), topic);
      assertThat(records).hasSize((int) runner.eventsSent());
      ContractChecker checker = ContractChecker.create();
      assertThat(records)
          .allSatisfy(
              r -> {
                assertThat(checker.problems(r.value())).isEmpty();
                assertThat(r.value()).contains("\"region\":\"" + r.key() + "\"");
              });
    }
  }

  private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
    Properties props = new Properties();
    props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }
}
