package org.channelwatch.bench;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.kafka.KafkaTopics;
import org.channelwatch.simulator.EventSimulator;
import org.channelwatch.simulator.SimulatedEvent;
import org.channelwatch.simulator.SimulatorRunner;

/** Writes a fixed number of simulated events to the events topic before any job reads them. */
final class EventLoader {

  /**
   * What was loaded.
   *
   * @param firstEventTime where the simulation started: no event is earlier
   * @param lastEventTime where the simulation stopped: no event is later (at most a second after
   *     the last one)
   * @param byType how many events of each CloudEvents type
   */
  record Loaded(long events, Instant firstEventTime, Instant lastEventTime, double seconds, Map<String, Long> byType) {}

  private EventLoader() {}

  /**
   * Publishes the first {@code count} events of {@code simulator} to {@code topic} (created with
   * {@code partitions} partitions), keyed by region, and waits until the broker has all of them.
   */
  static Loaded load(KafkaSettings kafka, String topic, int partitions, EventSimulator simulator, long count, PrintStream out)
      throws Exception {
    KafkaTopics.ensure(kafka, partitions, topic);
    AtomicLong acknowledged = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Map<String, Long> byType = new TreeMap<>();
    ProgressBar bar = new ProgressBar(out, "loading events");
    long startNanos = System.nanoTime();
    Instant first = simulator.position();
    long sent = 0;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(SimulatorRunner.producerProperties(kafka), new StringSerializer(), new StringSerializer())) {
      while (sent < count) {
        List<SimulatedEvent> events = simulator.next(simulator.position().plusSeconds(1));
        for (SimulatedEvent event : events) {
          if (sent == count) {
            break;
          }
          byType.merge(typeOf(event.json()), 1L, Long::sum);
          producer.send(
              new ProducerRecord<>(topic, event.key(), event.json()),
              (metadata, error) -> {
                if (error == null) {
                  acknowledged.incrementAndGet();
                } else {
                  failure.compareAndSet(null, error);
                }
              });
          sent++;
        }
        if (failure.get() != null) {
          throw failure.get();
        }
        bar.update(acknowledged.get(), count);
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    bar.finish(acknowledged.get(), count);
    return new Loaded(sent, first, simulator.position(), (System.nanoTime() - startNanos) / 1e9, byType);
  }

  /** The {@code type} attribute, found without parsing: the simulator writes it as {@code "type":"..."}. */
  static String typeOf(String json) {
    int at = json.indexOf("\"type\":\"");
    if (at < 0) {
      return "unknown";
    }
    int start = at + "\"type\":\"".length();
    return json.substring(start, json.indexOf('"', start));
  }
}
