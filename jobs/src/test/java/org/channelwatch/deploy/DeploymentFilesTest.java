package org.channelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.deploy.DeploymentFiles.container;
import static org.channelwatch.deploy.DeploymentFiles.env;
import static org.channelwatch.deploy.DeploymentFiles.imageName;
import static org.channelwatch.deploy.DeploymentFiles.imageTag;
import static org.channelwatch.deploy.DeploymentFiles.one;
import static org.channelwatch.deploy.DeploymentFiles.service;
import static org.channelwatch.deploy.DeploymentFiles.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.channelwatch.deploy.DeploymentFiles.Dockerfile;
import org.channelwatch.deploy.DeploymentFiles.Manifest;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml, the Dockerfiles and docker/k8s against the code: image versions from the root
 * pom, the job jar's name from jobs/pom.xml, flags and defaults from the command line's picocli model.
 */
class DeploymentFilesTest {
  static final String JAR_IN_IMAGE = "/opt/channelwatch/channelwatch-job.jar";
  static final String JOB_DOCKERFILE = "docker/job/Dockerfile";
  static final String DASHBOARD_DOCKERFILE = "docker/dashboard/Dockerfile";
  /** Read by Main itself (where logs go), not by an option. */
  static final Set<String> NON_OPTION_VARIABLES = Set.of("CHANNELWATCH_LOG_DIR");

  final JsonNode compose = DeploymentFiles.compose();
  final List<Manifest> manifests = DeploymentFiles.manifests();
  final String flinkVersion = Repo.rootProperty("flink.version");
  final String kafkaVersion = Repo.rootProperty("kafka.version");
  final String elasticsearchVersion = Repo.rootProperty("elasticsearch.version");
  final String projectVersion = Repo.projectVersion();

  // ---- versions ------------------------------------------------------------------------------

  @Test
  void composeImagesHaveThePomVersions() {
    assertThat(service(compose, "kafka").path("image").asText()).isEqualTo("apache/kafka:" + kafkaVersion);
    int elastic = 0;
    for (JsonNode service : compose.path("services")) {
      String image = service.path("image").asText();
      if (image.startsWith("docker.elastic.co/")) {
        assertThat(imageTag(image)).as(image).isEqualTo(elasticsearchVersion);
        elastic++;
      }
    }
    assertThat(elastic).as("Elasticsearch and Kibana images").isGreaterThanOrEqualTo(2);
    assertThat(service(compose, "elasticsearch").path("image").asText())
        .isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:" + elasticsearchVersion);
    assertThat(service(compose, "kibana").path("image").asText())
        .isEqualTo("docker.elastic.co/kibana/kibana:" + elasticsearchVersion);
  }

  @Test
  void theJobImageIsTheFlinkImageOfThePomVersion() {
    Dockerfile dockerfile = Dockerfile.read(JOB_DOCKERFILE);
    assertThat(dockerfile.argDefaults()).containsEntry("FLINK_VERSION", flinkVersion);
    assertThat(dockerfile.argDefaults()).containsEntry("CHANNELWATCH_VERSION", projectVersion);
    assertThat(dockerfile.withKeyword("FROM")).hasSize(1);
    assertThat(dockerfile.substitute(dockerfile.withKeyword("FROM").get(0), Map.of()))
        .isEqualTo("FROM flink:" + flinkVersion + "-java17");

    List<String> flinkServices = List.of("jobmanager", "taskmanager", "job-submitter");
    for (String name : flinkServices) {
      JsonNode service = service(compose, name);
      assertThat(service.path("build").path("dockerfile").asText()).as(name).isEqualTo(JOB_DOCKERFILE);
      assertThat(service.path("build").path("args").path("FLINK_VERSION").asText()).as(name).isEqualTo(flinkVersion);
      assertThat(service.path("build").path("args").path("CHANNELWATCH_VERSION").asText()).as(name)
          .isEqualTo(projectVersion);
      assertThat(service.path("image").asText()).as(name).isEqualTo("channelwatch/job:" + projectVersion);
    }
    assertThat(service(compose, "dashboard").path("image").asText()).isEqualTo("channelwatch/dashboard:" + projectVersion);
  }

  @Test
  void kubernetesManifestsHaveThePomVersions() {
    JsonNode flink = one(manifests, "FlinkDeployment").document();
    String[] flinkParts = flinkVersion.split("\\.");
    assertThat(flink.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
    assertThat(flink.path("spec").path("flinkVersion").asText()).isEqualTo("v" + flinkParts[0] + "_" + flinkParts[1]);
    assertThat(imageTag(flink.path("spec").path("image").asText())).isEqualTo(projectVersion);
    assertThat(imageName(flink.path("spec").path("image").asText())).endsWith("/channelwatch/job");
    JsonNode main = container(flink.path("spec").path("podTemplate").path("spec"), "flink-main-container");
    assertThat(env(main).get("ENABLE_BUILT_IN_PLUGINS")).isEqualTo("flink-s3-fs-presto-" + flinkVersion + ".jar");

    JsonNode dashboard = dashboardContainer();
    assertThat(imageTag(dashboard.path("image").asText())).isEqualTo(projectVersion);
    assertThat(imageName(dashboard.path("image").asText())).endsWith("/channelwatch/dashboard");
  }

  // ---- the job jar ---------------------------------------------------------------------------

  @Test
  void theJobImageCopiesTheShadedJarThatJobsPomBuilds() {
    String artifactId = Repo.pomValue("jobs/pom.xml", "/project/artifactId");
    String classifier = Repo.pomValue("jobs/pom.xml",
        "//plugin[artifactId='maven-shade-plugin']//shadedClassifierName");
    String jar = artifactId + "-" + projectVersion + "-" + classifier + ".jar";
    assertThat(jar).isEqualTo("channelwatch-jobs-" + projectVersion + "-job.jar");

    Dockerfile dockerfile = Dockerfile.read(JOB_DOCKERFILE);
    List<String> copies = dockerfile.withKeyword("COPY");
    assertThat(copies).hasSize(1);
    Map<String, String> buildArgs = new HashMap<>();
    service(compose, "jobmanager").path("build").path("args").fields()
        .forEachRemaining(e -> buildArgs.put(e.getKey(), e.getValue().asText()));
    String[] copy = dockerfile.substitute(copies.get(0), buildArgs).split("\\s+");
    assertThat(copy[copy.length - 2]).isEqualTo("jobs/target/" + jar);
    assertThat(copy[copy.length - 1]).isEqualTo(JAR_IN_IMAGE);

    // The build context keeps only the jar: its ignore file must let it through.
    String ignore = Repo.read("docker/job/Dockerfile.dockerignore");
    String allowed = ignore.lines().filter(l -> l.startsWith("!")).findFirst().orElseThrow().substring(1);
    assertThat(("jobs/target/" + jar).matches(allowed.replace(".", "\\.").replace("*", "[^/]*"))).isTrue();

    assertThat(String.join("\n", strings(service(compose, "job-submitter").path("entrypoint"))))
        .contains("flink run -d " + JAR_IN_IMAGE + " ");
    JsonNode job = one(manifests, "FlinkDeployment").document().path("spec").path("job");
    assertThat(job.path("jarURI").asText()).isEqualTo("local://" + JAR_IN_IMAGE);
    assertThat(job.path("entryClass").asText())
        .isEqualTo(Repo.pomValue("jobs/pom.xml", "//plugin[artifactId='maven-shade-plugin']//transformer/mainClass"))
        .isEqualTo(org.channelwatch.job.ChannelWatchJob.class.getName());
  }

  // ---- flags ---------------------------------------------------------------------------------

  @Test
  void composeRunsTheJobWithOptionsOfChannelwatchRun() {
    List<String> args = strings(service(compose, "job-submitter").path("command"));
    assertThat(CliFlags.parseProblems("run", args)).isEmpty();
    assertThat(CliFlags.flags(args)).contains("--bootstrap-servers", "--elasticsearch", "--parallelism", "--checkpoint-dir");
  }

  @Test
  void composeRunsTheDashboardWithOptionsOfChannelwatchDashboard() {
    List<String> args = strings(service(compose, "dashboard").path("command"));
    assertThat(args.get(0)).isEqualTo("dashboard");
    assertThat(CliFlags.parseProblems("dashboard", args.subList(1, args.size()))).isEmpty();
    assertThat(CliFlags.value(args, "--bind")).isEqualTo("0.0.0.0");
  }

  @Test
  void kubernetesRunsTheJobWithOptionsOfChannelwatchRun() {
    JsonNode spec = one(manifests, "FlinkDeployment").document().path("spec");
    List<String> args = strings(spec.path("job").path("args"));
    assertThat(CliFlags.parseProblems("run", args)).isEmpty();
    Map<String, String> env = env(container(spec.path("podTemplate").path("spec"), "flink-main-container"));
    assertThat(CliFlags.given("run", "--bootstrap-servers", args, env)).as("Kafka given").isTrue();
    assertThat(CliFlags.given("run", "--elasticsearch", args, env)).as("Elasticsearch given").isTrue();
    assertThat(channelwatchVariables(env)).isSubsetOf(CliFlags.environmentVariables("run"));
    // Secrets as files: every --kafka-property value read with @FILE comes from the mounted Secret.
    for (int i = 0; i < args.size() - 1; i++) {
      if (args.get(i).equals("--kafka-property")) {
        String property = args.get(i + 1);
        String key = property.substring(0, property.indexOf('='));
        assertThat(property).isEqualTo(key + "=@/etc/channelwatch/kafka/" + key);
        assertThat(secretKeys("channelwatch-kafka")).contains(key);
      }
    }
  }

  @Test
  void kubernetesRunsTheDashboardWithOptionsOfChannelwatchDashboard() {
    JsonNode dashboard = dashboardContainer();
    List<String> args = strings(dashboard.path("args"));
    assertThat(args.get(0)).isEqualTo("dashboard");
    assertThat(CliFlags.parseProblems("dashboard", args.subList(1, args.size()))).isEmpty();
    Set<String> allowed = new HashSet<>(CliFlags.environmentVariables("dashboard"));
    allowed.addAll(NON_OPTION_VARIABLES);
    assertThat(channelwatchVariables(env(dashboard))).isSubsetOf(allowed);
  }

  // ---- ports and addresses -------------------------------------------------------------------

  @Test
  void theDashboardListensOnTheCodesDefaultPort() {
    int port = Integer.parseInt(CliFlags.codeDefault("dashboard", "--port"));
    assertThat(port).isEqualTo(8080);

    List<String> composeArgs = strings(service(compose, "dashboard").path("command"));
    assertThat(CliFlags.value(composeArgs, "--port")).isIn(null, String.valueOf(port));
    assertThat(strings(service(compose, "dashboard").path("ports")).stream().map(DeploymentFiles::containerPort))
        .containsExactly(port);

    JsonNode dashboard = dashboardContainer();
    assertThat(CliFlags.value(strings(dashboard.path("args")), "--port")).isIn(null, String.valueOf(port));
    JsonNode containerPorts = dashboard.path("ports");
    assertThat(containerPorts).hasSize(1);
    assertThat(containerPorts.get(0).path("containerPort").asInt()).isEqualTo(port);
    String portName = containerPorts.get(0).path("name").asText();
    assertThat(dashboard.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo(portName);
    JsonNode servicePort = one(manifests, "Service").document().path("spec").path("ports").get(0);
    assertThat(servicePort.path("targetPort").asText()).isIn(portName, String.valueOf(port));
    assertThat(servicePort.path("port").asInt()).isEqualTo(port);
  }

  @Test
  void composeServicesUseTheLocalStacksDefaultPorts() {
    int kafkaPort = Integer.parseInt(CliFlags.codeDefault("stack", "--kafka-port"));
    int elasticsearchPort = Integer.parseInt(CliFlags.codeDefault("stack", "--elasticsearch-port"));
    JsonNode kafka = service(compose, "kafka").path("environment");
    assertThat(kafka.path("KAFKA_LISTENERS").asText()).contains("PLAINTEXT://:" + kafkaPort);
    assertThat(kafka.path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("PLAINTEXT://kafka:" + kafkaPort);
    assertThat(strings(service(compose, "elasticsearch").path("ports")).stream().map(DeploymentFiles::containerPort))
        .containsExactly(elasticsearchPort);

    List<String> args = strings(service(compose, "job-submitter").path("command"));
    assertThat(CliFlags.value(args, "--bootstrap-servers")).isEqualTo("kafka:" + kafkaPort);
  }

  @Test
  void theJobAndTheDashboardLogInToElasticsearchOverHttpsAsTheirOwnUsers() {
    assertThat(compose.path("services").has("elasticsearch-gateway")).as("no credential proxy any more").isFalse();
    JsonNode elasticsearch = service(compose, "elasticsearch").path("environment");
    assertThat(elasticsearch.path("xpack.security.enabled").asText()).isEqualTo("true");
    assertThat(elasticsearch.path("xpack.security.http.ssl.enabled").asText()).isEqualTo("true");

    Map<String, String> users = Map.of("job-submitter", "channelwatch_writer", "dashboard", "channelwatch_reader");
    Map<String, String> passwords =
        Map.of("job-submitter", "CHANNELWATCH_WRITER_PASSWORD", "dashboard", "CHANNELWATCH_READER_PASSWORD");
    for (String name : users.keySet()) {
      JsonNode service = service(compose, name);
      List<String> args = strings(service.path("command"));
      URI url = URI.create(CliFlags.value(args, "--elasticsearch"));
      assertThat(url.getScheme()).as(name).isEqualTo("https");
      assertThat(url.getHost()).as(name).isEqualTo("elasticsearch");
      assertThat(CliFlags.value(args, "--elasticsearch-user")).as(name).isEqualTo(users.get(name));
      assertThat(CliFlags.value(args, "--elasticsearch-password")).as(name + ": no password on a command line").isNull();
      assertThat(service.path("environment").path("CHANNELWATCH_ELASTICSEARCH_PASSWORD").asText()).as(name)
          .startsWith("${" + passwords.get(name) + ":?");
      String caFile = CliFlags.value(args, "--elasticsearch-ca-file");
      assertThat(strings(service.path("volumes"))).as(name + " mounts the CA")
          .anyMatch(v -> v.startsWith("elasticsearch-certs:") && caFile.startsWith(v.split(":")[1] + "/"));
    }

    JsonNode flinkPod = one(manifests, "FlinkDeployment").document().path("spec").path("podTemplate").path("spec");
    assertLogsInFromTheSecret(container(flinkPod, "flink-main-container"), "writer", flinkPod);
    assertLogsInFromTheSecret(dashboardContainer(), "reader", dashboardPod());
  }

  private void assertLogsInFromTheSecret(JsonNode container, String user, JsonNode pod) {
    Map<String, String> env = env(container);
    assertThat(env).containsEntry("CHANNELWATCH_ELASTICSEARCH", "secret:channelwatch-elasticsearch/url")
        .containsEntry("CHANNELWATCH_ELASTICSEARCH_USER", "secret:channelwatch-elasticsearch/" + user + "-user")
        .containsEntry("CHANNELWATCH_ELASTICSEARCH_PASSWORD", "secret:channelwatch-elasticsearch/" + user + "-password");
    String caFile = env.get("CHANNELWATCH_ELASTICSEARCH_CA_FILE");
    JsonNode mount = null;
    for (JsonNode candidate : container.path("volumeMounts")) {
      if (caFile.startsWith(candidate.path("mountPath").asText() + "/")) {
        mount = candidate;
      }
    }
    assertThat(mount).as("the CA file " + caFile + " is mounted").isNotNull();
    String volumeName = mount.path("name").asText();
    for (JsonNode volume : pod.path("volumes")) {
      if (volume.path("name").asText().equals(volumeName)) {
        assertThat(volume.path("secret").path("secretName").asText()).isEqualTo("channelwatch-elasticsearch");
        assertThat(volume.path("secret").path("items").get(0).path("key").asText()).isEqualTo("ca.crt");
      }
    }
    assertThat(secretKeys("channelwatch-elasticsearch")).contains("ca.crt");
  }

  // ---- state, parallelism --------------------------------------------------------------------

  @Test
  void composeClusterCheckpointsLikeTheJobAsks() {
    Map<String, String> properties = DeploymentFiles.flinkProperties(
        service(compose, "jobmanager").path("environment").path("FLINK_PROPERTIES").asText());
    List<String> args = strings(service(compose, "job-submitter").path("command"));
    assertThat(properties).containsEntry("state.backend.type", CliFlags.value(args, "--state-backend"))
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.incremental", "true")
        .containsKeys("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir");
    assertThat(DeploymentFiles.duration(properties.get("execution.checkpointing.interval")))
        .isEqualTo(DeploymentFiles.duration(CliFlags.value(args, "--checkpoint-interval")));
    int parallelism = Integer.parseInt(CliFlags.value(args, "--parallelism"));
    assertThat(parallelism).isEqualTo(2);
    assertThat(Integer.parseInt(properties.get("taskmanager.numberOfTaskSlots"))).isGreaterThanOrEqualTo(parallelism);
    // The job's checkpoint directory is on the volume the JobManager and TaskManager share.
    String checkpointDir = CliFlags.value(args, "--checkpoint-dir");
    for (String name : List.of("jobmanager", "taskmanager", "job-submitter")) {
      assertThat(strings(service(compose, name).path("volumes")))
          .as(name)
          .anyMatch(v -> checkpointDir.startsWith(v.substring(v.indexOf(':') + 1)));
    }
  }

  @Test
  void kubernetesJobUsesRocksDbIncrementalCheckpointsAndParallelismTwo() {
    JsonNode spec = one(manifests, "FlinkDeployment").document().path("spec");
    JsonNode configuration = spec.path("flinkConfiguration");
    List<String> args = strings(spec.path("job").path("args"));
    assertThat(configuration.path("state.backend.type").asText()).isEqualTo("rocksdb")
        .isEqualTo(CliFlags.value(args, "--state-backend"));
    assertThat(configuration.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
    assertThat(DeploymentFiles.duration(configuration.path("execution.checkpointing.interval").asText()))
        .isEqualTo(DeploymentFiles.duration(CliFlags.value(args, "--checkpoint-interval")));
    assertThat(configuration.path("execution.checkpointing.dir").asText()).isNotBlank();
    assertThat(configuration.path("execution.checkpointing.savepoint-dir").asText()).isNotBlank();
    assertThat(spec.path("job").path("parallelism").asInt()).isEqualTo(2);
    assertThat(CliFlags.value(args, "--parallelism")).isEqualTo("2");
    assertThat(configuration.path("taskmanager.numberOfTaskSlots").asInt()).isGreaterThanOrEqualTo(1);
  }

  // ---- consistency of the files among themselves ---------------------------------------------

  @Test
  void envExampleListsEveryVariableComposeReads() {
    Set<String> used = DeploymentFiles.composeVariables(Repo.read("docker/compose.yaml"));
    assertThat(used).isNotEmpty();
    assertThat(DeploymentFiles.dotenvKeys(Repo.read("docker/.env.example"))).containsAll(used);
  }

  @Test
  void composeFilesAndBuildContextsExist() {
    Path docker = Repo.root().resolve("docker");
    for (Map.Entry<String, JsonNode> service : iterable(compose.path("services"))) {
      for (String volume : strings(service.getValue().path("volumes"))) {
        String source = volume.substring(0, volume.indexOf(':'));
        if (source.startsWith(".")) {
          assertThat(docker.resolve(source).normalize()).as(service.getKey() + " mounts " + source).exists();
        } else {
          assertThat(compose.path("volumes").has(source)).as(service.getKey() + " volume " + source).isTrue();
        }
      }
      JsonNode build = service.getValue().path("build");
      if (build.isObject()) {
        Path context = docker.resolve(build.path("context").asText()).normalize();
        assertThat(context.resolve(build.path("dockerfile").asText())).as(service.getKey()).isRegularFile();
      }
    }
    assertThat(strings(service(compose, "kibana-setup").path("volumes")))
        .anyMatch(v -> v.startsWith("../" + KibanaSavedObjectsTest.FILE + ":"));
    assertThat(Dockerfile.read(DASHBOARD_DOCKERFILE).withKeyword("ENTRYPOINT").get(0))
        .contains(org.channelwatch.cli.Main.class.getName());
  }

  @Test
  void kubernetesManifestsParseAndReferToEachOther() {
    assertThat(manifests).extracting(Manifest::kind)
        .contains("FlinkDeployment", "Deployment", "Service", "Secret", "Kustomization");
    JsonNode kustomization = one(manifests, "Kustomization").document();
    for (String resource : strings(kustomization.path("resources"))) {
      assertThat(Repo.root().resolve("docker/k8s").resolve(resource)).isRegularFile();
    }
    for (Manifest manifest : manifests) {
      for (String ref : DeploymentFiles.secretKeyRefs(manifest.document())) {
        String[] nameKey = ref.split("/", 2);
        assertThat(secretKeys(nameKey[0])).as(manifest.file() + " uses secret " + ref).contains(nameKey[1]);
      }
    }
    Set<String> configMaps = new HashSet<>();
    manifests.stream().filter(m -> m.kind().equals("ConfigMap")).forEach(m -> configMaps.add(m.name()));
    Set<String> secrets = new HashSet<>();
    manifests.stream().filter(m -> m.kind().equals("Secret")).forEach(m -> secrets.add(m.name()));
    for (JsonNode pod : List.of(
        one(manifests, "FlinkDeployment").document().path("spec").path("podTemplate").path("spec"), dashboardPod())) {
      for (JsonNode volume : pod.path("volumes")) {
        if (volume.has("configMap")) {
          assertThat(configMaps).contains(volume.path("configMap").path("name").asText());
        }
        if (volume.has("secret")) {
          assertThat(secrets).contains(volume.path("secret").path("secretName").asText());
        }
      }
    }
    JsonNode service = one(manifests, "Service").document();
    JsonNode deployment = one(manifests, "Deployment").document();
    JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
    assertThat(service.path("spec").path("selector").size()).isPositive();
    service.path("spec").path("selector").fields().forEachRemaining(selector ->
        assertThat(labels.path(selector.getKey()).asText()).as("pod label " + selector.getKey())
            .isEqualTo(selector.getValue().asText()));
  }

  // ---- helpers -------------------------------------------------------------------------------

  JsonNode dashboardPod() {
    return one(manifests, "Deployment").document().path("spec").path("template").path("spec");
  }

  JsonNode dashboardContainer() {
    return container(dashboardPod(), "dashboard");
  }

  Set<String> secretKeys(String name) {
    Set<String> keys = new HashSet<>();
    manifests.stream()
        .filter(m -> m.kind().equals("Secret") && m.name().equals(name))
        .forEach(m -> {
          m.document().path("stringData").fieldNames().forEachRemaining(keys::add);
          m.document().path("data").fieldNames().forEachRemaining(keys::add);
        });
    return keys;
  }

  static Set<String> channelwatchVariables(Map<String, String> env) {
    Set<String> names = new HashSet<>();
    env.keySet().stream().filter(n -> n.startsWith("CHANNELWATCH_")).forEach(names::add);
    return names;
  }

  static List<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    object.fields().forEachRemaining(entries::add);
    return entries;
  }
}
