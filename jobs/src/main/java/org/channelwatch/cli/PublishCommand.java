package org.channelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Publishes NDJSON lines to the events topic, one record each. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publish each line of NDJSON files as one Kafka record, keyed by the line's region when it has one.",
      "Lines are sent as they are, valid or not, so bad input can be tested too. Blank lines are skipped."
    })
public final class PublishCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin KafkaOptions kafka;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "NDJSON files; - reads standard input.")
  List<String> files;

  @Override
  public Integer call() throws Exception {
    Properties properties = kafka.settings().properties();
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    long sent = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      for (String file : files) {
        try (BufferedReader reader = open(file)) {
          String line;
          while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
              continue;
            }
            String region = regionOf(line);
            producer.send(
                new ProducerRecord<>(
                    kafka.topic,
                    region == null ? null : region.getBytes(StandardCharsets.UTF_8),
                    line.getBytes(StandardCharsets.UTF_8)));
            sent++;
          }
        }
      }
      producer.flush();
    }
    System.out.println("published " + sent + " records to " + kafka.topic);
    return 0;
  }

  private static BufferedReader open(String file) throws IOException {
    if ("-".equals(file)) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
  }

  /** The line's {@code region} attribute, or null when the line has none or is not JSON. */
  static String regionOf(String line) {
    try {
      JsonNode region = JSON.readTree(line).get("region");
      return region != null && region.isTextual() ? region.textValue() : null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }
}
