package org.channelwatch.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink inside a real Flink job: it is serialisable, opens its writer and drains at the end. */
class WebhookSinkTest {

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @Test
  void deliversEveryRecordOfAJobDespiteFailedFirstAttempts() throws Exception {
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        boolean first = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1;
        if (!first) {
          accepted.add(key);
        }
        exchange.sendResponseHeaders(first ? 502 : 202, -1);
      }
    });
    server.start();
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(2);
      WebhookSettings settings =
          WebhookSettings.forUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/hook")
              .withRetries(4, Duration.ofMillis(5), Duration.ofMillis(50));
      env.fromData("a", "b", "c", "d").sinkTo(new WebhookSink<>(settings, new IdAndStatus())).name("webhook");
      env.execute("webhook sink");

      assertThat(accepted).containsExactlyInAnyOrder("a:open", "b:open", "c:open", "d:open");
    } finally {
      server.stop(0);
    }
  }

  /** A named class: Flink rejects lambdas as serialisation schemas in some sinks. */
  static final class IdAndStatus implements SerializationSchema<String> {
    @Override
    public byte[] serialize(String id) {
      return ("{\"id\":\"" + id + "\",\"status\":\"open\"}").getBytes(StandardCharsets.UTF_8);
    }
  }
}
