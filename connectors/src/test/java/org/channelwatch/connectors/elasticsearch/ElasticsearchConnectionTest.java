package org.channelwatch.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class ElasticsearchConnectionTest {

  @Test
  void neverShowsASecret() throws Exception {
    ElasticsearchConnection basic =
        ElasticsearchConnection.of("https://es.example:9200")
            .withBasicAuth("channelwatch_writer", "s3cret-Passw0rd")
            .withCaFingerprint("AB:".repeat(31) + "AB");
    ElasticsearchConnection apiKey = ElasticsearchConnection.of("https://es.example:9200").withApiKey("key-id:key-s3cret");

    assertThat(basic.toString())
        .isEqualTo("https://es.example:9200 (as user channelwatch_writer, trusting a CA fingerprint)");
    assertThat(apiKey.toString()).isEqualTo("https://es.example:9200 (as an API key)").doesNotContain("s3cret");
    // It travels to the TaskManagers by Java serialisation.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(basic);
    }
    assertThat(bytes.size()).isPositive();
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertThatThrownBy(() -> ElasticsearchConnection.of("http://elastic:pw@es.example:9200"))
        .hasMessageContaining("must not carry credentials").hasMessageNotContaining("pw@");
    assertThatThrownBy(() -> ElasticsearchConnection.of("es.example:9200")).hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> ElasticsearchConnection.of("http://es.example:9200").withCaFingerprint("ab".repeat(32)))
        .hasMessageContaining("must start with https://");
    assertThatThrownBy(() -> ElasticsearchConnection.of("https://es.example:9200").withCaFingerprint("abc"))
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(
            () -> ElasticsearchConnection.of("https://es.example:9200").withApiKey("k").withBasicAuth("u", "p"))
        .hasMessageContaining("not both");
  }
}
