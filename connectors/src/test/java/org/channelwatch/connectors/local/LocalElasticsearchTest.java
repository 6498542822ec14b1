package org.channelwatch.connectors.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real local Elasticsearch node: slow (several node starts), but the only honest check. */
class LocalElasticsearchTest {

  private static final String INDEX = "local-es-test";

  @TempDir Path instanceDir;

  @Test
  void keepsDataAcrossStopKillAndRestartOnTheSamePort() throws IOException {
    int port;
    try (LocalElasticsearch es = LocalElasticsearch.start(instanceDir, 0)) {
      report("first start", es);
      port = es.httpPort();
      assertThat(port).isPositive();
      assertThat(es.url()).isEqualTo("http://127.0.0.1:" + port);
      try (ElasticsearchConnection.Clients clients = ElasticsearchConnection.of(es.url()).open()) {
        ElasticsearchClient client = clients.blocking();
        client.indices().create(c -> c.index(INDEX).settings(s -> s.numberOfReplicas("0")));
        client.index(
            i -> i.index(INDEX).id("doc-1").document(Map.of("channel", "web")).refresh(Refresh.True));
        assertThat(channelOfDoc1(client)).isEqualTo("web");
      }
      es.stop();
      assertThat(es.process().isAlive()).isFalse();
    }

    try (LocalElasticsearch es = LocalElasticsearch.start(instanceDir, port)) {
      report("restart after stop", es);
      assertThat(es.url()).isEqualTo("http://127.0.0.1:" + port);
      try (ElasticsearchConnection.Clients clients = ElasticsearchConnection.of(es.url()).open()) {
        assertThat(channelOfDoc1(clients.blocking())).isEqualTo("web");
      }
      es.kill();
      assertThat(es.process().isAlive()).isFalse();
    }

    LocalElasticsearch es = LocalElasticsearch.start(instanceDir, port);
    long pid = es.process().pid();
    try {
      report("restart after kill", es);
      try (ElasticsearchConnection.Clients clients = ElasticsearchConnection.of(es.url()).open()) {
        assertThat(channelOfDoc1(clients.blocking())).isEqualTo("web");
      }
    } finally {
      es.close();
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
        .noneMatch(p -> p.info().commandLine().orElse("").contains(LocalElasticsearch.MAIN_CLASS));
  }

  @Test
  void failsFastNamingTheLogWhenThePortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long startedAt = System.nanoTime();
      assertThatThrownBy(() -> LocalElasticsearch.start(instanceDir, taken.getLocalPort()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(instanceDir.resolve("logs").resolve("elasticsearch.log").toString())
          .hasMessageContaining("exited during start-up");
      assertThat(System.nanoTime() - startedAt).isLessThan(60_000_000_000L);
    }
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
        .noneMatch(p -> p.info().commandLine().orElse("").contains(LocalElasticsearch.MAIN_CLASS));
  }

  private static String channelOfDoc1(ElasticsearchClient client) throws IOException {
    GetResponse<ObjectNode> got = client.get(g -> g.index(INDEX).id("doc-1"), ObjectNode.class);
    assertThat(got.found()).isTrue();
    return got.source().path("channel").asText();
  }

  private static void report(String what, LocalElasticsearch es) {
    System.out.printf(
        "%s: ready in %d ms, RSS %d MB, %s%n",
        what, es.startupTime().toMillis(), es.residentBytes() / (1024 * 1024), es);
  }
}
