package org.channelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checkers behind the deployment tests find what is wrong, so that a passing test means something. */
class DeployCheckersTest {

  @Test
  void flagsTheRunCommandDoesNotHaveAreReported() {
    List<String> args = List.of(
        "--bootstrap-server", "kafka:9092", "--elasticsearch", "http://es:9200", "--checkpointDir", "/x",
        "--parallelism=2");
    assertThat(CliFlags.unknownFlags("run", args)).containsExactly("--bootstrap-server", "--checkpointDir");
    assertThat(CliFlags.parseProblems("run", args))
        .anyMatch(p -> p.contains("has no option --bootstrap-server, --checkpointDir"));
  }

  @Test
  void aFlagOfAnotherCommandIsReported() {
    // --port belongs to dashboard (and demo), not to run.
    assertThat(CliFlags.unknownFlags("run", List.of("--port", "8080"))).containsExactly("--port");
    assertThat(CliFlags.unknownFlags("dashboard", List.of("--port", "8080", "--bind", "0.0.0.0"))).isEmpty();
  }

  @Test
  void valuesThatDoNotConvertAreReported() {
    assertThat(CliFlags.parseProblems("run", List.of("--checkpoint-interval", "10s"))).hasSize(1);
    assertThat(CliFlags.parseProblems("run", List.of("--checkpoint-interval", "PT10S"))).isEmpty();
    assertThat(CliFlags.parseProblems("dashboard", List.of("--port", "eighty"))).hasSize(1);
    assertThat(CliFlags.parseProblems("dashboard", List.of("--port"))).hasSize(1);
  }

  @Test
  void codeDefaultsIgnoreTheEnvironment() {
    assertThat(CliFlags.codeDefault("dashboard", "--port")).isEqualTo("8080");
    assertThat(CliFlags.codeDefault("run", "--state-backend")).isEqualTo("rocksdb");
    assertThat(CliFlags.codeDefault("run", "--elasticsearch")).isNull();
    assertThat(CliFlags.environmentVariables("run")).contains("CHANNELWATCH_BOOTSTRAP_SERVERS", "CHANNELWATCH_ELASTICSEARCH");
    assertThat(CliFlags.given("run", "--elasticsearch", List.of(), Map.of("CHANNELWATCH_ELASTICSEARCH", "x"))).isTrue();
    assertThat(CliFlags.given("run", "--elasticsearch", List.of(), Map.of())).isFalse();
    assertThatThrownBy(() -> CliFlags.codeDefault("dashboard", "--nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void yamlAnchorsAliasesAndMergeKeysResolveAsInCompose() {
    List<JsonNode> documents = YamlTrees.readAll("""
        x-common: &common
          image: foo:1
          environment: &env
            A: "1"
        services:
          one:
            <<: *common
            image: foo:2
          two:
            environment: *env
        ---
        second: true
        """);
    assertThat(documents).hasSize(2);
    JsonNode services = documents.get(0).path("services");
    assertThat(services.path("one").path("image").asText()).isEqualTo("foo:2");
    assertThat(services.path("one").path("environment").path("A").asText()).isEqualTo("1");
    assertThat(services.path("two").path("environment").path("A").asText()).isEqualTo("1");
    assertThat(documents.get(1).path("second").asBoolean()).isTrue();
    assertThatThrownBy(() -> YamlTrees.readAll("a: *nowhere\n")).hasMessageContaining("nowhere");
  }

  @Test
  void composeInterpolationAndPorts() {
    assertThat(DeploymentFiles.interpolate("${A:-127.0.0.1}:${B:-8080}:8080 $${C} ${D:?set D}"))
        .isEqualTo("127.0.0.1:8080:8080 ${C} <D>");
    assertThat(DeploymentFiles.containerPort("${A:-127.0.0.1}:${B:-9}:8080/tcp")).isEqualTo(8080);
    assertThat(DeploymentFiles.composeVariables("a ${A} b $${B} c ${C:-x}")).containsExactly("A", "C");
    assertThat(DeploymentFiles.dotenvKeys("# c\nA=1\n\nB = 2\n")).containsExactly("A", "B");
  }

  @Test
  void durationsAndImageTags() {
    assertThat(DeploymentFiles.duration("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DeploymentFiles.duration("PT10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DeploymentFiles.duration("2min")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DeploymentFiles.imageTag("registry:5000/a/b:1.2")).isEqualTo("1.2");
    assertThat(DeploymentFiles.imageTag("registry:5000/a/b")).isEqualTo("latest");
    assertThat(DeploymentFiles.imageName("docker.elastic.co/kibana/kibana:8.19.0")).isEqualTo("docker.elastic.co/kibana/kibana");
  }

  @Test
  void aWrongVersionInADockerfileShows() {
    DeploymentFiles.Dockerfile dockerfile = new DeploymentFiles.Dockerfile(
        List.of("ARG FLINK_VERSION=2.1.0", "FROM flink:${FLINK_VERSION}-java17"), Map.of("FLINK_VERSION", "2.1.0"));
    assertThat(dockerfile.substitute(dockerfile.withKeyword("FROM").get(0), Map.of()))
        .isNotEqualTo("FROM flink:" + Repo.rootProperty("flink.version") + "-java17");
    assertThat(dockerfile.substitute("COPY a-${X}.jar /b", Map.of("X", "1"))).isEqualTo("COPY a-1.jar /b");
  }
}
