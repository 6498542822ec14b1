package org.channelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.elasticsearch.ElasticsearchSinkSettings;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.local.LocalStack;
import org.channelwatch.job.JobLauncher;
import org.channelwatch.detection.DetectionSettings;
import org.channelwatch.indicators.IndicatorSettings;
import org.channelwatch.job.JobSettings;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;

/**
 * A real local Kafka broker and Elasticsearch node for one test class, with the few things tests
 * do with them: publish events, run the job, read back documents.
 */
public final class Stack implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  public final LocalStack services;
  public final ElasticsearchConnection elasticsearch;
  private final ElasticsearchConnection.Clients clients;

  private Stack(LocalStack services) {
    this.services = services;
    this.elasticsearch = ElasticsearchConnection.of(services.elasticsearch().url());
    this.clients = elasticsearch.open();
  }

  public static Stack start(String name) throws IOException {
    Path dir = Path.of("target", "stacks", name + "-" + System.currentTimeMillis()).toAbsolutePath();
    Files.createDirectories(dir);
    return new Stack(LocalStack.start(dir, 0, 0));
  }

  public KafkaSettings kafka() {
    return KafkaSettings.of(services.kafka().bootstrapServers());
  }

  /** Launcher options for a test: quick checkpoints and a short idleness, heap state. */
  public JobLauncher.Options jobOptions(String topic, int partitions, int parallelism) {
    return jobOptions(kafka(), elasticsearch, topic, partitions, parallelism);
  }

  /** Launcher options for a test against the given Kafka and Elasticsearch. */
  public static JobLauncher.Options jobOptions(
      KafkaSettings kafka, ElasticsearchConnection elasticsearch, String topic, int partitions, int parallelism) {
    return new JobLauncher.Options(
        kafka,
        topic,
        topic + ".deadletter",
        topic + ".alerts",
        null,
        "test-" + topic,
        partitions,
        elasticsearch,
        0,
        parallelism,
        null,
        Duration.ofSeconds(2),
        "hashmap",
        new JobSettings(
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofHours(1), IndicatorSettings.defaults(),
            DetectionSettings.defaults()),
        ElasticsearchSinkSettings.defaults().withMaxTimeInBuffer(Duration.ofMillis(200)),
        null);
  }

  /** Publishes each value in order, keyed by its region when it has one, and waits for acks. */
  public void publish(String topic, List<String> values) throws Exception {
    publish(kafka(), topic, values);
  }

  /** Publishes each value in order to {@code kafka}, keyed by its region when it has one. */
  public static void publish(KafkaSettings kafka, String topic, List<String> values) throws Exception {
    Properties properties = kafka.properties();
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      // Asynchronous sends keep their order per partition (the producer is idempotent); waiting for
      // each in turn made large scripts take minutes.
      List<java.util.concurrent.Future<?>> sends = new ArrayList<>(values.size());
      for (String value : values) {
        sends.add(producer.send(new ProducerRecord<>(topic, regionOf(value), value)));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> send : sends) {
        send.get();
      }
    }
  }

  /**
   * The records of {@code topic} from its start: polls until {@code expected} have come and then one
   * quiet poll more, so that a record too many shows; gives up after a minute with what it has.
   */
  public static List<ConsumerRecord<String, String>> readTopic(KafkaSettings kafka, String topic, int expected) {
    Properties properties = kafka.properties();
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + topic + "-" + System.nanoTime());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
      while (Instant.now().isBefore(deadline)) {
        int before = records.size();
        consumer.poll(Duration.ofMillis(1_000)).forEach(records::add);
        if (records.size() >= expected && records.size() == before) {
          break;
        }
      }
    }
    return records;
  }

  private static String regionOf(String value) {
    try {
      JsonNode region = JSON.readTree(value).get("region");
      return region == null ? null : region.asText();
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Every document of the indices matching {@code pattern}, sorted by id, as {@code _id -> _source}. */
  public List<Document> documents(String pattern) throws IOException {
    return documents(clients, pattern);
  }

  /** Every document of the indices matching {@code pattern}, read through {@code clients}. */
  public static List<Document> documents(ElasticsearchConnection.Clients clients, String pattern) throws IOException {
    try {
      clients.lowLevel().performRequest(new Request("POST", "/" + pattern + "/_refresh"));
      Request search = new Request("GET", "/" + pattern + "/_search");
      search.addParameter("size", "10000");
      Response response = clients.lowLevel().performRequest(search);
      JsonNode hits = JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)).at("/hits/hits");
      List<Document> documents = new ArrayList<>();
      for (JsonNode hit : hits) {
        documents.add(new Document(hit.get("_index").asText(), hit.get("_id").asText(), hit.get("_source")));
      }
      documents.sort(Comparator.comparing(Document::id));
      return documents;
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  /** Polls until the documents satisfy {@code done}, or fails after {@code timeout}. */
  public List<Document> awaitDocuments(String pattern, Predicate<List<Document>> done, Duration timeout) throws Exception {
    return awaitDocuments(clients, pattern, done, timeout);
  }

  /** Polls through {@code clients} until the documents satisfy {@code done}, or fails after {@code timeout}. */
  public static List<Document> awaitDocuments(
      ElasticsearchConnection.Clients clients, String pattern, Predicate<List<Document>> done, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    List<Document> documents = documents(clients, pattern);
    while (!done.test(documents)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + timeout + " for documents in " + pattern + "; have " + documents);
      }
      Thread.sleep(500);
      documents = documents(clients, pattern);
    }
    return documents;
  }

  @Override
  public void close() throws IOException {
    clients.close();
    services.close();
  }

  public record Document(String index, String id, JsonNode source) {}
}
