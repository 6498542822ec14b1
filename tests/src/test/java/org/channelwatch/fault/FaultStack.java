package org.channelwatch.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.channelwatch.connectors.local.LocalElasticsearch;
import org.channelwatch.connectors.local.LocalKafka;
import org.channelwatch.connectors.local.LocalStack;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * A real local Kafka broker and Elasticsearch node that fault tests stop, kill and start again on
 * the same ports and data folders, with the few things the tests do with them.
 */
final class FaultStack implements AutoCloseable {

  static final String TOPIC = "fault.events";
  static final String DEAD_LETTER_TOPIC = "fault.deadletter";
  static final String ALERT_TOPIC = "fault.alerts";
  static final int PARTITIONS = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private LocalKafka kafka;
  private LocalElasticsearch elasticsearch;
  private final RestClient client;

  private FaultStack(Path dir, LocalKafka kafka, LocalElasticsearch elasticsearch) {
    this.dir = dir;
    this.kafka = kafka;
    this.elasticsearch = elasticsearch;
    this.client = RestClient.builder(HttpHost.create(elasticsearch.url())).build();
  }

  static FaultStack start(Path dir) throws IOException {
    Files.createDirectories(dir);
    // LocalStack starts both at once; from then on each is stopped and started on its own.
    LocalStack services = LocalStack.start(dir, 0, 0);
    return new FaultStack(dir, services.kafka(), services.elasticsearch());
  }

  Path dir() {
    return dir;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  String elasticsearchUrl() {
    return elasticsearch.url();
  }

  /** Kills the broker as a crash would and starts it again on the same port and log folder. */
  void killAndRestartKafka() throws IOException {
    kafka.kill();
    kafka = LocalKafka.start(kafka.instanceDir(), kafka.port());
  }

  /** Stops the node cleanly; its data stays. */
  void stopElasticsearch() {
    elasticsearch.stop();
  }

  /** Starts the node again on the same port and data folder. */
  void startElasticsearch() throws IOException {
    elasticsearch = LocalElasticsearch.start(elasticsearch.instanceDir(), elasticsearch.httpPort());
  }

  /**
   * Empties everything a run writes or reads: deletes the ChannelWatch indices and the test's
   * topics, and creates the events topic again, so that a new run's records get the same
   * partitions and offsets (which dead-letter ids are made of).
   */
  void reset() throws Exception {
    deleteIndices();
    Properties properties = new Properties();
    properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(properties)) {
      Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      List<String> ours = new ArrayList<>(List.of(TOPIC, DEAD_LETTER_TOPIC, ALERT_TOPIC));
      ours.retainAll(existing);
      admin.deleteTopics(ours).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      // Deletion finishes in the background; creating the topic fails until it has.
      Instant deadline = Instant.now().plus(ADMIN_TIMEOUT);
      while (true) {
        try {
          admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
              .all()
              .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          break;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException) || Instant.now().isAfter(deadline)) {
            throw e;
          }
          Thread.sleep(200);
        }
      }
      awaitLeaders(admin, deadline);
    }
  }

  /** Waits until every partition of the new topic has a leader, so that the first sends land. */
  private static void awaitLeaders(Admin admin, Instant deadline) throws Exception {
    while (true) {
      try {
        TopicDescription topic =
            admin.describeTopics(List.of(TOPIC)).allTopicNames().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(TOPIC);
        if (topic.partitions().size() == PARTITIONS && topic.partitions().stream().allMatch(p -> p.leader() != null)) {
          return;
        }
      } catch (ExecutionException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw notYet;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(TOPIC + " has partitions without a leader after " + ADMIN_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(200);
    }
  }

  private void deleteIndices() throws IOException {
    Request list = new Request("GET", "/_cat/indices/channelwatch-*");
    list.addParameter("format", "json");
    list.addParameter("h", "index");
    JsonNode indices = JSON.readTree(EntityUtils.toString(client.performRequest(list).getEntity(), StandardCharsets.UTF_8));
    List<String> names = new ArrayList<>();
    indices.forEach(index -> names.add(index.get("index").asText()));
    if (!names.isEmpty()) {
      // By name: deleting by wildcard is refused (action.destructive_requires_name).
      client.performRequest(new Request("DELETE", "/" + String.join(",", names)));
    }
  }

  /**
   * Publishes records in order with their own keys and timestamps and waits for every ack, so
   * that publishing the same records again gives the same partitions, offsets and timestamps.
   */
  void publish(List<FaultInput.Record> records) throws Exception {
    Properties properties = new Properties();
    properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // One request at a time. With five in flight, a first batch refused while a partition was
    // just being created (or was coming back after a broker restart) was retried after its
    // successors had been written, and the broker rejected it as out of order until the records
    // expired, twice in about ten runs. Large batches keep one-at-a-time quick.
    properties.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    properties.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
      List<Future<?>> sends = new ArrayList<>(records.size());
      for (FaultInput.Record record : records) {
        sends.add(producer.send(new ProducerRecord<>(TOPIC, null, record.timestamp(), record.key(), record.value())));
      }
      producer.flush();
      for (Future<?> send : sends) {
        send.get();
      }
    }
  }

  /** What every ChannelWatch index holds now. */
  IndexContents contents() throws IOException, InterruptedException {
    return IndexContents.read(client);
  }

  @Override
  public void close() throws IOException {
    client.close();
    // Both at once: each waits for its child to exit.
    Thread stopKafka = new Thread(kafka::close, "stop-kafka");
    stopKafka.start();
    elasticsearch.close();
    try {
      stopKafka.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
