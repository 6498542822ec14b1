package org.channelwatch.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSinkWriterTest {

  /** A change as the incident sink sends it: a JSON object with its id and status. */
  private static final SerializationSchema<String[]> ID_AND_STATUS =
      change -> ("{\"id\":\"" + change[0] + "\",\"status\":\"" + change[1] + "\",\"kind\":\"test\"}")
          .getBytes(StandardCharsets.UTF_8);

  private HttpServer server;
  private WebhookSinkWriter<String[]> writer;

  /** Attempts per Idempotency-Key, and the keys answered with 2xx: the receiver's dedupe. */
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() throws Exception {
    if (writer != null) {
      writer.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void retriesFailedAttemptsUntilEveryChangeIsAcceptedOnce() throws Exception {
    int failuresPerKey = 2;
    startServer(exchange -> {
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      if (attempt <= failuresPerKey) {
        respond(exchange, 503);
        return;
      }
      if (!accepted.add(key)) {
        duplicates.incrementAndGet();
      } else {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      }
      respond(exchange, 200);
    });
    writer = newWriter(settings().withRetries(5, Duration.ofMillis(5), Duration.ofMillis(40)));

    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String id = "service_unavailable:330000:web:" + (1_700_000_000_000L + i * 60_000L);
      writer.write(new String[] {id, "open"}, null);
      writer.write(new String[] {id, "resolved"}, null);
      keys.add(id + ":open");
      keys.add(id + ":resolved");
    }
    writer.flush(true);

    assertThat(accepted).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(duplicates).hasValue(0);
    keys.forEach(key -> assertThat(attempts.get(key)).as(key).hasValue(failuresPerKey + 1));
    assertThat(writer.deliveredCount()).isEqualTo(20);
    assertThat(writer.failedAttemptCount()).isEqualTo(40);
    assertThat(writer.droppedCount()).isZero();
    assertThat(writer.givenUpCount()).isZero();
    assertThat(bodies).allMatch(body -> body.startsWith("{\"id\":"));
  }

  @Test
  void keepsTheChangesOfAnIncidentInOrder() throws Exception {
    List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    startServer(exchange -> {
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      // The opening fails once; the resolution must still not overtake it.
      if (attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1 && key.endsWith(":open")) {
        respond(exchange, 500);
        return;
      }
      order.add(key);
      respond(exchange, 204);
    });
    writer = newWriter(settings().withRetries(5, Duration.ofMillis(5), Duration.ofMillis(20)));

    writer.write(new String[] {"a", "open"}, null);
    writer.write(new String[] {"a", "resolved"}, null);
    writer.flush(true);

    assertThat(order).containsExactly("a:open", "a:resolved");
  }

  @Test
  void doesNotRetryARequestTheEndpointRefuses() throws Exception {
    startServer(exchange -> {
      attempts.computeIfAbsent(exchange.getRequestHeaders().getFirst("Idempotency-Key"), k -> new AtomicInteger())
          .incrementAndGet();
      respond(exchange, 400);
    });
    writer = newWriter(settings().withRetries(5, Duration.ofMillis(5), Duration.ofMillis(20)));

    writer.write(new String[] {"a", "open"}, null);
    writer.flush(true);

    assertThat(attempts.get("a:open")).hasValue(1);
    assertThat(writer.rejectedCount()).isEqualTo(1);
    assertThat(writer.deliveredCount()).isZero();
  }

  @Test
  void givesUpAfterTheLastAttemptAndCountsIt() throws Exception {
    startServer(exchange -> {
      attempts.computeIfAbsent(exchange.getRequestHeaders().getFirst("Idempotency-Key"), k -> new AtomicInteger())
          .incrementAndGet();
      respond(exchange, 503);
    });
    writer = newWriter(settings().withRetries(3, Duration.ofMillis(5), Duration.ofMillis(20)));

    writer.write(new String[] {"a", "open"}, null);
    writer.flush(true);

    assertThat(attempts.get("a:open")).hasValue(3);
    assertThat(writer.failedAttemptCount()).isEqualTo(3);
    assertThat(writer.givenUpCount()).isEqualTo(1);
  }

  @Test
  void dropsAndCountsInsteadOfBlockingWhenTheQueueIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    startServer(exchange -> {
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(exchange, 200);
    });
    writer = newWriter(settings().withQueueCapacity(2));
    try {
      long started = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        writer.write(new String[] {"incident-" + i, "open"}, null);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      // Two wait in the queue and at most one is on its way; the rest are dropped.
      assertThat(writer.droppedCount()).isBetween(7L, 8L);
    } finally {
      release.countDown();
    }
    writer.flush(true);
    assertThat(writer.deliveredCount() + writer.droppedCount()).isEqualTo(10);
  }

  @Test
  void readsTheIdempotencyKeyFromTheConfiguredFields() {
    byte[] body = "{\"id\":\"guide_inconsistent:330000:X1:5\",\"status\":\"resolved\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(IdempotencyKey.of(body, List.of("id", "status"))).isEqualTo("guide_inconsistent:330000:X1:5:resolved");
  }

  private WebhookSettings settings() {
    return WebhookSettings.forUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts")
        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(20));
  }

  private WebhookSinkWriter<String[]> newWriter(WebhookSettings settings) {
    return new WebhookSinkWriter<>(settings, ID_AND_STATUS, UnregisteredMetricsGroup.createSinkWriterMetricGroup());
  }

  private void startServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/alerts", exchange -> {
      try (exchange) {
        handler.handle(exchange);
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  private static void respond(HttpExchange exchange, int status) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(status, -1);
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }
}
