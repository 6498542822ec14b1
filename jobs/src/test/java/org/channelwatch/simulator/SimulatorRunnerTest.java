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
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.local.LocalKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner paces events in real time and publishes them to Kafka keyed by region. */
class SimulatorRunnerTest {

  private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
  private static final SimulatorProfile PROFILE = SimulatorProfile.defaults().withoutFaults();

  @TempDir Path kafkaDir;

  @Test
  void pacesToTheTargetRateAndScalesEventTimeWithIt() throws InterruptedException {
    EventSimulator simulator = new EventSimulator(PROFILE, 1L, START);
    simulator.next(START.plus(Duration.ofMinutes(2))); // past the catalog burst at the start
    MockProducer<String, String> producer =
        new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    SimulatorRunner runner =
        new SimulatorRunner(producer, "events", simulator, 1500, System::nanoTime);
    long startedAt = System.nanoTime();
    runner.startThread();
    Thread.sleep(3000);
    runner.stop();
    double seconds = (System.nanoTime() - startedAt) / 1e9;

    assertThat(runner.eventsSent()).isEqualTo(producer.history().size());
    assertThat(runner.eventsSent() / seconds).isBetween(1500 * 0.7, 1500 * 1.3);
    // 1500 events/s against a profile of 300: five seconds of event time per real second.
    double simulatedSeconds =
        Duration.between(START.plus(Duration.ofMinutes(2)), runner.simulatedTime()).toMillis() / 1000.0;
    assertThat(simulatedSeconds / seconds).isBetween(4.0, 5.5);
    assertThat(producer.closed()).isTrue();
    assertThat(producer.history()).allSatisfy(r -> assertThat(r.value()).contains("\"region\":\"" + r.key() + "\""));
  }

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
