package org.channelwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.channelwatch.connectors.kafka.KafkaSettings;

/**
 * Publishes an {@link EventSimulator}'s events to a Kafka topic in real time, until stopped.
 *
 * <p>Event time advances with the wall clock, scaled so that the target rate is met: at the
 * profile's own rate, event time keeps pace with the clock (the live demo); at ten times that rate,
 * ten simulated seconds pass per real second (a benchmark). A rate of zero or less publishes as
 * fast as Kafka takes the events. Records are keyed by region code. Thread-safe.
 */
public final class SimulatorRunner implements AutoCloseable {

  public static final String DEFAULT_TOPIC = "channelwatch.events";

  private static final long STEP_NANOS = Duration.ofMillis(50).toNanos();
  private static final Duration UNPACED_STEP = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, String> producer;
  private final String topic;
  private final EventSimulator simulator;
  private final double eventsPerSecond;
  private final LongSupplier nanoClock;
  private final Thread thread;
  private final AtomicLong generated = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean stopping;
  private volatile Instant simulatedTime;

  SimulatorRunner(
      Producer<String, String> producer,
      String topic,
      EventSimulator simulator,
      double eventsPerSecond,
      LongSupplier nanoClock) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.eventsPerSecond = eventsPerSecond;
    this.nanoClock = nanoClock;
    this.simulatedTime = simulator.position();
    this.thread = new Thread(this::run, "simulator-" + topic);
    thread.setDaemon(true);
  }

  /**
   * Starts the live demo feed: a simulator whose event time starts now and keeps pace with the
   * clock, publishing at the profile's rate.
   */
  public static SimulatorRunner startLive(
      KafkaSettings kafka, String topic, SimulatorProfile profile, long seed) {
    return start(
        kafka, topic, new EventSimulator(profile, seed, Instant.now()), profile.eventsPerSecond());
  }

  /**
   * Starts publishing in a background thread.
   *
   * <p>A target above the profile's rate makes event time run ahead of the clock; over hours it
   * would pass the contract's one-day limit ({@code bad_time}), so for a long fast run raise the
   * profile's rate instead and keep the two equal.
   *
   * @param eventsPerSecond the target rate in real time; at most 0 for as fast as possible, for
   *     bounded runs only
   */
  public static SimulatorRunner start(
      KafkaSettings kafka, String topic, EventSimulator simulator, double eventsPerSecond) {
    SimulatorRunner runner =
        new SimulatorRunner(
            new KafkaProducer<>(producerProperties(kafka), new StringSerializer(), new StringSerializer()),
            topic,
            simulator,
            eventsPerSecond,
            System::nanoTime);
    runner.startThread();
    return runner;
  }

  /** Durable, duplicate-free and compact: what the notes measured at 500k records/s. */
  public static Properties producerProperties(KafkaSettings kafka) {
    Properties props = kafka.properties();
    props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    props.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "channelwatch-simulator");
    return props;
  }

  void startThread() {
    thread.start();
  }

  private void run() {
    double speed =
        eventsPerSecond > 0 ? eventsPerSecond / simulator.profile().eventsPerSecond() : 0;
    long wallStart = nanoClock.getAsLong();
    Instant eventStart;
    synchronized (simulator) {
      eventStart = simulator.position();
    }
    try {
      while (!stopping) {
        List<SimulatedEvent> events;
        synchronized (simulator) {
          Instant target =
              speed > 0
                  ? eventStart.plusNanos((long) ((nanoClock.getAsLong() - wallStart) * speed))
                  : simulator.position().plus(UNPACED_STEP);
          events = simulator.next(target);
          simulatedTime = simulator.position();
        }
        for (SimulatedEvent event : events) {
          send(event);
        }
        generated.addAndGet(events.size());
        if (speed > 0) {
          pause(STEP_NANOS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      firstFailure.compareAndSet(null, e);
    }
  }

  private void send(SimulatedEvent event) {
    producer.send(
        new ProducerRecord<>(topic, event.key(), event.json()),
        (metadata, exception) -> {
          if (exception == null) {
            sent.incrementAndGet();
          } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, exception);
          }
        });
  }

  private static void pause(long nanos) throws InterruptedException {
    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
  }

  /** Events the broker has acknowledged. */
  public long eventsSent() {
    return sent.get();
  }

  /** Events handed to the producer, acknowledged or not yet. */
  public long eventsGenerated() {
    return generated.get();
  }

  /** Events the producer gave up on (after its own retries). */
  public long eventsFailed() {
    return failed.get();
  }

  /** The first send or simulator error, or null while all is well. */
  public Exception firstFailure() {
    return firstFailure.get();
  }

  /** How far event time has got: every event before it has been handed to the producer. */
  public Instant simulatedTime() {
    return simulatedTime;
  }

  public String topic() {
    return topic;
  }

  /**
   * Runs {@code action} on the simulator between two steps, for example to inject a fault now or
   * to read {@link EventSimulator#injectedFaults()}.
   */
  public <T> T withSimulator(Function<EventSimulator, T> action) {
    synchronized (simulator) {
      return action.apply(simulator);
    }
  }

  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Stops generating, waits until every event handed over is acknowledged or failed, and closes. */
  public void stop() {
    stopping = true;
    if (thread != Thread.currentThread()) {
      try {
        thread.join(CLOSE_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (closed.compareAndSet(false, true)) {
      producer.close(CLOSE_TIMEOUT);
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "SimulatorRunner(topic="
        + topic
        + ", target "
        + eventsPerSecond
        + " events/s, sent "
        + sent.get()
        + ", failed "
        + failed.get()
        + ", at "
        + simulatedTime
        + ")";
  }
}
