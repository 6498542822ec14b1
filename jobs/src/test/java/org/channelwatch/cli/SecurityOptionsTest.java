package org.channelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.channelwatch.connectors.elasticsearch.ElasticsearchSinkSettings;
import org.channelwatch.job.JobLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The run command's Elasticsearch, Kafka and sink options, as picocli parses them. */
class SecurityOptionsTest {

  @TempDir Path dir;

  private static RunCommand parse(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run;
  }

  @Test
  void secretsComeFromFilesAndNeverShow() throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "s3cret-Passw0rd\n");
    Path jaas = Files.writeString(dir.resolve("jaas"), "ScramLoginModule required username=\"cw\" password=\"kafka-s3cret\";");
    RunCommand run =
        parse(
            "--bootstrap-servers", "kafka:9093",
            "--kafka-property", "security.protocol=SASL_SSL",
            "--kafka-property", "sasl.jaas.config=@" + jaas,
            "--elasticsearch", "https://es.example:9200",
            "--elasticsearch-user", "channelwatch_writer",
            "--elasticsearch-password", "@" + password,
            "--elasticsearch-ca-fingerprint", "ab".repeat(32));

    JobLauncher.Options options =
        run.job.launcherOptions(run.kafka.settings(), run.kafka.topic, run.elasticsearch.connection());

    assertThat(options.kafka().properties()).containsEntry("sasl.jaas.config", Files.readString(jaas).strip());
    assertThat(options.elasticsearch().principal()).isEqualTo("user channelwatch_writer");
    assertThat(options.toString()).doesNotContain("s3cret").contains("sasl.jaas.config");
  }

  @Test
  void kafkaSettingsComeFromAConfigFileThatPropertiesOverride() throws Exception {
    Path jaas = Files.writeString(dir.resolve("jaas"), "PlainLoginModule required username=\"cw\" password=\"p\";");
    Path config =
        Files.writeString(
            dir.resolve("client.properties"),
            "# as for Kafka's own tools\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=@" + jaas + "\n");
    RunCommand run =
        parse(
            "--bootstrap-servers", "kafka:9093",
            "--kafka-config", config.toString(),
            "--kafka-property", "sasl.mechanism=PLAIN");

    assertThat(run.kafka.settings().clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("sasl.jaas.config", Files.readString(jaas));
    assertThatThrownBy(() -> parse("--bootstrap-servers", "k:9092", "--kafka-config", dir.resolve("missing").toString()).kafka.settings())
        .hasMessageContaining("could not read the Kafka client settings in");
  }

  @Test
  void aUserNeedsAPasswordAndBasicAuthExcludesAnApiKey() {
    assertThatThrownBy(() -> parse("--elasticsearch", "https://es:9200", "--elasticsearch-user", "u").elasticsearch.connection())
        .hasMessageContaining("give both --elasticsearch-user and --elasticsearch-password");
    assertThatThrownBy(
            () -> parse("--elasticsearch", "https://es:9200", "--elasticsearch-user", "u", "--elasticsearch-password", "p",
                    "--elasticsearch-api-key", "k")
                .elasticsearch.connection())
        .hasMessageContaining("not both");
  }

  @Test
  void sinkDefaultsAreTheSinksOwn() {
    RunCommand run = parse("--elasticsearch", "http://127.0.0.1:9200");
    assertThat(run.job.sink.settings()).isEqualTo(ElasticsearchSinkSettings.defaults());
    assertThat(parse("--sink-max-in-flight", "4", "--sink-retry-cap", "PT1M").job.sink.settings())
        .isEqualTo(new ElasticsearchSinkSettings(1000, 5L * 1024 * 1024, 4, 20_000,
            java.time.Duration.ofMillis(500), java.time.Duration.ofMillis(200), java.time.Duration.ofMinutes(1)));
  }
}
