package org.channelwatch.connectors.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real broker in a child JVM: slow (two starts), but the only honest check. */
class LocalKafkaTest {

  private static final String TOPIC = "local-kafka-test";

  @TempDir Path instanceDir;

  @Test
  void keepsRecordsAcrossStopKillAndRestartOnTheSameFolderAndPort() throws Exception {
    int port;
    long firstPid;
    try (LocalKafka kafka = LocalKafka.start(instanceDir, 0)) {
      System.out.println("first start took " + kafka.startupTime().toMillis() + " ms: " + kafka);
      port = kafka.port();
      firstPid = kafka.process().pid();
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      kafka.createTopics(2, TOPIC);
      kafka.createTopics(2, TOPIC); // idempotent
      produce(kafka.bootstrapServers(), "330000", "{\"hello\":\"kafka\"}");
      assertThat(consumeAll(kafka.bootstrapServers()))
          .containsExactly("330000={\"hello\":\"kafka\"}");
    }
    assertThat(isAlive(firstPid)).isFalse();

    try (LocalKafka restarted = LocalKafka.start(instanceDir, port)) {
      System.out.println("restart after stop took " + restarted.startupTime().toMillis() + " ms");
      assertThat(restarted.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThat(consumeAll(restarted.bootstrapServers()))
          .containsExactly("330000={\"hello\":\"kafka\"}");
      // The fault tests crash the broker mid-stream; an acknowledged record must survive that.
      produce(restarted.bootstrapServers(), "110000", "{\"after\":\"restart\"}");
      restarted.kill();
      assertThat(restarted.process().isAlive()).isFalse();
    }

    LocalKafka afterKill = LocalKafka.start(instanceDir, port);
    long pid = afterKill.process().pid();
    try {
      System.out.println("restart after kill took " + afterKill.startupTime().toMillis() + " ms");
      assertThat(consumeAll(afterKill.bootstrapServers()))
          .containsExactlyInAnyOrder(
              "330000={\"hello\":\"kafka\"}", "110000={\"after\":\"restart\"}");
    } finally {
      afterKill.close();
    }
    assertThat(isAlive(pid)).isFalse();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
        .noneMatch(p -> p.info().commandLine().orElse("").contains("kafka.Kafka"));
  }

  @Test
  void failsFastNamingTheLogWhenThePortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long startedAt = System.nanoTime();
      assertThatThrownBy(() -> LocalKafka.start(instanceDir, taken.getLocalPort()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(instanceDir.resolve("logs").resolve("kafka.log").toString())
          .hasMessageContaining("exited during start-up");
      assertThat(System.nanoTime() - startedAt).isLessThan(Duration.ofSeconds(60).toNanos());
    }
  }

  @Test
  void childClassPathNamesTheBrokersJarsWhateverRunnerStartedUs() {
    assertThat(ChildJvm.childClassPath()).contains("kafka_2.13");
  }

  @Test
  void expandsAManifestOnlyJarAsSurefireMayHandUs() throws IOException {
    Path lib = Files.createDirectories(instanceDir.resolve("lib dir"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    // Surefire writes URIs: relative to the jar, or absolute file URIs.
    manifest.getMainAttributes().put(
        Attributes.Name.CLASS_PATH, "lib%20dir/a.jar " + lib.resolve("b.jar").toUri());
    Path booter = instanceDir.resolve("surefirebooter123.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(booter), manifest)) {
      // A manifest and nothing else.
    }
    assertThat(ChildJvm.expandManifestOnlyJars(booter.toString()).split(File.pathSeparator))
        .containsExactly(
            booter.toString(), lib.resolve("a.jar").toString(), lib.resolve("b.jar").toString());
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void produce(String bootstrap, String key, String value)
      throws InterruptedException, ExecutionException {
    Properties props = new Properties();
    props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }
  }

  /** Reads the topic from the beginning to its current end, without a consumer group. */
  private static List<String> consumeAll(String bootstrap) {
    Properties props = new Properties();
    props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(TOPIC, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.key() + "=" + record.value());
        }
      }
    }
    return values;
  }
}
