package org.channelwatch.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.http.conn.ConnectTimeoutException;
import org.channelwatch.connectors.elasticsearch.ElasticsearchFailures.Kind;
import org.junit.jupiter.api.Test;

class ElasticsearchFailuresTest {

  private static final ElasticsearchConnection PLAIN = ElasticsearchConnection.of("http://127.0.0.1:9200");
  private static final ElasticsearchConnection WITH_PASSWORD =
      ElasticsearchConnection.of("https://es.example:9200").withBasicAuth("writer", "s3cret-Passw0rd");

  private static ElasticsearchException answered(int status, String type) {
    return new ElasticsearchException(
        "bulk", ErrorResponse.of(e -> e.status(status).error(c -> c.type(type).reason("because"))));
  }

  private static SSLHandshakeException untrusted() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(new CertPathBuilderException("unable to find valid certification path to requested target"));
    return handshake;
  }

  @Test
  void timeoutsAndConnectionFailuresAreTransient() {
    assertThat(ElasticsearchFailures.classify(new SocketTimeoutException("Read timed out"))).isEqualTo(Kind.TRANSIENT);
    assertThat(ElasticsearchFailures.classify(new ConnectTimeoutException("Connect to 10.0.0.1:9200 timed out")))
        .isEqualTo(Kind.TRANSIENT);
    assertThat(ElasticsearchFailures.classify(new ConnectException("Connection refused"))).isEqualTo(Kind.TRANSIENT);
    assertThat(ElasticsearchFailures.classify(new TimeoutException())).isEqualTo(Kind.TRANSIENT);
    // As the asynchronous client hands them over: wrapped.
    assertThat(ElasticsearchFailures.classify(new CompletionException(new SocketTimeoutException("30,000 ms"))))
        .isEqualTo(Kind.TRANSIENT);
    assertThat(ElasticsearchFailures.classify(new ExecutionException(new IOException("Connection reset"))))
        .isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void statusesDecideWhenElasticsearchAnswered() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      assertThat(ElasticsearchFailures.classify(new CompletionException(answered(status, "x")))).as("" + status)
          .isEqualTo(Kind.TRANSIENT);
    }
    assertThat(ElasticsearchFailures.classify(answered(401, "security_exception"))).isEqualTo(Kind.DENIED);
    assertThat(ElasticsearchFailures.classify(answered(403, "security_exception"))).isEqualTo(Kind.DENIED);
    assertThat(ElasticsearchFailures.classify(answered(400, "illegal_argument_exception"))).isEqualTo(Kind.PERMANENT);
    assertThat(ElasticsearchFailures.classify(answered(413, "content_too_long"))).isEqualTo(Kind.PERMANENT);
  }

  @Test
  void anUntrustedCertificateIsNotRetried() {
    assertThat(ElasticsearchFailures.classify(new CompletionException(untrusted()))).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void somethingElseIsUnexpected() {
    assertThat(ElasticsearchFailures.classify(new IllegalStateException("I/O reactor status: STOPPED")))
        .isEqualTo(Kind.UNEXPECTED);
  }

  @Test
  void explainsWhatToCheckWithoutShowingSecrets() {
    assertThat(ElasticsearchFailures.explain(WITH_PASSWORD, "installing index templates", answered(401, "security_exception")))
        .contains("refused our credentials (HTTP 401)", "--elasticsearch-password")
        .doesNotContain("s3cret");
    assertThat(ElasticsearchFailures.explain(PLAIN, "installing index templates", answered(401, "security_exception")))
        .contains("asks for credentials", "--elasticsearch-user");
    assertThat(ElasticsearchFailures.explain(WITH_PASSWORD, "installing index templates", answered(403, "security_exception")))
        .contains("user writer", "HTTP 403", "manage_index_templates");
    assertThat(ElasticsearchFailures.explain(WITH_PASSWORD, "installing index templates", untrusted()))
        .contains("Could not trust the TLS certificate", "--elasticsearch-ca-file", "--elasticsearch-ca-fingerprint");
    assertThat(ElasticsearchFailures.explain(PLAIN, "installing index templates", new ConnectException("Connection refused")))
        .isEqualTo("Could not reach Elasticsearch at http://127.0.0.1:9200 while installing index templates "
            + "(Connection refused). Is it running there?");
  }
}
