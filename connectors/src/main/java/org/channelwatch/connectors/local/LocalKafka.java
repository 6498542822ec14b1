package org.channelwatch.connectors.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker (KRaft, one combined broker and controller node) running in a child JVM.
 *
 * <p>Everything it writes lives in its instance folder ({@code data/}, {@code logs/}, {@code
 * config/}), and the storage is formatted only on first use, so starting again on the same folder
 * keeps the topics and records. The broker runs {@code kafka.Kafka} from our own class path, so the
 * broker and our clients share one Kafka version.
 */
public final class LocalKafka implements AutoCloseable {

  private static final String BROKER_MAIN = "kafka.Kafka";
  private static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";
  private static final String HEAP = "512m";
  private static final int DEFAULT_PARTITIONS = 2;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private static final String LOG4J_CONFIG =
      String.join(
          "\n",
          "# Written by LocalKafka: the broker's standard output goes to logs/kafka.log.",
          "appender.out.type = Console",
          "appender.out.name = out",
          "appender.out.layout.type = PatternLayout",
          "appender.out.layout.pattern = [%d] %p %m (%c)%n",
          "rootLogger.level = INFO",
          "rootLogger.appenderRef.out.ref = out",
          // Per-request and per-segment chatter would grow the log by megabytes per test.
          "logger.kafka.name = kafka",
          "logger.kafka.level = INFO",
          "logger.state.name = state.change.logger",
          "logger.state.level = WARN",
          "logger.request.name = kafka.request.logger",
          "logger.request.level = WARN",
          "logger.log.name = org.apache.kafka.storage.internals.log",
          "logger.log.level = WARN",
          "logger.cleaner.name = kafka.log.LogCleaner",
          "logger.cleaner.level = WARN",
          "");

  private final Path instanceDir;
  private final int port;
  /** The SASL/PLAIN listener's port; 0 when the broker has none. */
  private final int saslPort;
  private final int controllerPort;
  private final ChildJvm process;
  private final Duration startupTime;

  private LocalKafka(
      Path instanceDir, int port, int saslPort, int controllerPort, ChildJvm process, Duration startupTime) {
    this.instanceDir = instanceDir;
    this.port = port;
    this.saslPort = saslPort;
    this.controllerPort = controllerPort;
    this.process = process;
    this.startupTime = startupTime;
  }

  /**
   * Starts a broker on {@code instanceDir} and returns once it answers an admin {@code
   * describeCluster}.
   *
   * @param port the client port, or 0 for any free one; pass {@link #port()} of an earlier instance
   *     on the same folder to come back at the same bootstrap address
   * @throws IOException if the broker dies or is not ready within 120 s (the message names its log)
   */
  public static LocalKafka start(Path instanceDir, int port) throws IOException {
    return start(instanceDir, port, Map.of());
  }

  /**
   * As {@link #start(Path, int)}, with a second listener that requires a SASL/PLAIN login by one of
   * {@code plainUsers} (user name to password), at {@link #saslBootstrapServers()}: for testing that
   * client security settings reach every client. The plain listener stays, for the readiness check.
   */
  public static LocalKafka start(Path instanceDir, int port, Map<String, String> plainUsers) throws IOException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Port " + port + " is not in 0..65535");
    }
    long startedAt = System.nanoTime();
    Path dir = instanceDir.toAbsolutePath().normalize();
    Path config = dir.resolve("config");
    Path data = dir.resolve("data");
    Path logs = dir.resolve("logs");
    for (Path sub : List.of(config, data, logs)) {
      Files.createDirectories(sub);
    }
    Path serverProperties = config.resolve("server.properties");
    int brokerPort = port == 0 ? freePort() : port;
    int saslPort = plainUsers.isEmpty() ? 0 : freePort();
    int controllerPort = previousControllerPort(serverProperties, brokerPort);
    Files.writeString(
        serverProperties, serverProperties(data, brokerPort, saslPort, plainUsers, controllerPort),
        StandardCharsets.UTF_8);
    Path log4jConfig = config.resolve("log4j2.properties");
    Files.writeString(log4jConfig, LOG4J_CONFIG, StandardCharsets.UTF_8);
    Path jvmArgsFile = writeJvmArgsFile(config, log4jConfig, logs);

    if (!Files.exists(data.resolve("meta.properties"))) {
      format(dir, jvmArgsFile, serverProperties, logs.resolve("format.log"));
    }
    ChildJvm process =
        ChildJvm.start(
            "kafka",
            List.of("@" + jvmArgsFile),
            BROKER_MAIN,
            List.of(serverProperties.toString()),
            dir,
            logs.resolve("kafka.log"));
    try {
      awaitReady(process, brokerPort);
      return new LocalKafka(
          dir, brokerPort, saslPort, controllerPort, process, Duration.ofNanos(System.nanoTime() - startedAt));
    } catch (IOException | RuntimeException | Error e) {
      process.close();
      throw e;
    }
  }

  private static String serverProperties(
      Path data, int brokerPort, int saslPort, Map<String, String> plainUsers, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    String plain = "PLAINTEXT://127.0.0.1:" + brokerPort;
    String sasl = saslPort == 0 ? "" : ",SASL_PLAINTEXT://127.0.0.1:" + saslPort;
    p.setProperty("listeners", plain + sasl + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", plain + sasl);
    p.setProperty(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT" + (saslPort == 0 ? "" : ",SASL_PLAINTEXT:SASL_PLAINTEXT"));
    if (saslPort != 0) {
      StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
      plainUsers.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
      p.setProperty("sasl.enabled.mechanisms", "PLAIN");
      p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    }
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", data.toString());
    p.setProperty("num.partitions", Integer.toString(DEFAULT_PARTITIONS));
    p.setProperty("auto.create.topics.enable", "true");
    // One node: internal topics with the default replication factor 3 would never be created.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // Replayed data sets carry old event timestamps; time-based retention silently deleted them.
    p.setProperty("log.retention.ms", "-1");
    // After a crash the restarted controller waits out the old registration's session before the
    // broker may register again: 9 s by default, which every fault test would pay.
    p.setProperty("broker.session.timeout.ms", "4000");
    p.setProperty("broker.heartbeat.interval.ms", "500");
    // A consumer group on a fresh local broker should not wait 3 s for more members.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    StringBuilder text =
        new StringBuilder("# Written by LocalKafka at every start: edits here are overwritten.\n");
    p.stringPropertyNames().stream()
        .sorted()
        .forEach(key -> text.append(key).append('=').append(escape(p.getProperty(key))).append('\n'));
    return text.toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }

  /** Writes the JVM options, the broker's class path included, to a Java argument file. */
  private static Path writeJvmArgsFile(Path config, Path log4jConfig, Path logs)
      throws IOException {
    List<String> args =
        List.of(
            "-Xms" + HEAP,
            "-Xmx" + HEAP,
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            "-Dlog4j2.configurationFile=" + log4jConfig.toUri(),
            "-Dkafka.logs.dir=" + logs,
            "-cp",
            ChildJvm.childClassPath());
    return ChildJvm.writeArgFile(config.resolve("jvm.args"), args);
  }

  /** Reuses the last controller port when it is still free, so the quorum address stays put. */
  private static int previousControllerPort(Path serverProperties, int brokerPort)
      throws IOException {
    if (Files.exists(serverProperties)) {
      Properties previous = new Properties();
      try (Reader reader = Files.newBufferedReader(serverProperties, StandardCharsets.UTF_8)) {
        previous.load(reader);
      }
      String voters = previous.getProperty("controller.quorum.voters", "");
      int colon = voters.lastIndexOf(':');
      if (colon > 0) {
        try {
          int candidate = Integer.parseInt(voters.substring(colon + 1).trim());
          if (candidate != brokerPort && isFree(candidate)) {
            return candidate;
          }
        } catch (NumberFormatException ignored) {
          // Hand-edited file: pick a fresh port.
        }
      }
    }
    int candidate;
    do {
      candidate = freePort();
    } while (candidate == brokerPort);
    return candidate;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return probe.isBound();
    } catch (IOException taken) {
      return false;
    }
  }

  private static void format(Path dir, Path jvmArgsFile, Path serverProperties, Path logFile)
      throws IOException {
    ChildJvm formatter =
        ChildJvm.start(
            "kafka-format",
            List.of("@" + jvmArgsFile),
            STORAGE_TOOL_MAIN,
            List.of(
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                serverProperties.toString(),
                "--ignore-formatted"),
            dir,
            logFile);
    try {
      long deadline = System.nanoTime() + FORMAT_TIMEOUT.toNanos();
      while (formatter.isAlive()) {
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "Formatting the Kafka storage took over "
                  + FORMAT_TIMEOUT.toSeconds()
                  + " s; see its log "
                  + logFile
                  + ", which ends with:\n"
                  + ChildJvm.tail(logFile));
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while formatting the Kafka storage");
    } finally {
      formatter.close();
    }
    if (!Files.exists(serverDataDir(serverProperties).resolve("meta.properties"))) {
      throw new IOException(
          "Formatting the Kafka storage failed; see its log "
              + logFile
              + ", which ends with:\n"
              + ChildJvm.tail(logFile));
    }
  }

  private static Path serverDataDir(Path serverProperties) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(serverProperties)) {
      p.load(in);
    }
    return Path.of(p.getProperty("log.dirs"));
  }

  private static void awaitReady(ChildJvm process, int port) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Properties props = adminProperties(bootstrapServers(port));
    props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    props.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    try (Admin admin = Admin.create(props)) {
      while (true) {
        if (!process.isAlive()) {
          throw new IOException(
              "Kafka exited during start-up; see its log "
                  + process.logFile()
                  + ", which ends with:\n"
                  + ChildJvm.tail(process.logFile()));
        }
        try {
          // A node count proves the broker registered with its controller and serves metadata.
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException notYet) {
          // Still starting.
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "Kafka was not ready within "
                  + START_TIMEOUT.toSeconds()
                  + " s; see its log "
                  + process.logFile()
                  + ", which ends with:\n"
                  + ChildJvm.tail(process.logFile()));
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting for Kafka to start");
    }
  }

  private static Properties adminProperties(String bootstrapServers) {
    Properties props = new Properties();
    props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "channelwatch-local-kafka");
    return props;
  }

  private static String bootstrapServers(int port) {
    return "127.0.0.1:" + port;
  }

  /**
   * Creates the topics that do not exist yet, with replication factor 1; existing topics are left
   * as they are.
   */
  public void createTopics(int partitions, String... names) {
    if (partitions < 1) {
      throw new IllegalArgumentException("A topic needs at least one partition, not " + partitions);
    }
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, partitions, (short) 1));
    }
    if (topics.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(adminProperties(bootstrapServers()))) {
      var results =
          admin
              .createTopics(
                  topics, new CreateTopicsOptions().timeoutMs((int) ADMIN_TIMEOUT.toMillis()))
              .values();
      for (var entry : results.entrySet()) {
        try {
          entry.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "Could not create topic " + entry.getKey() + " on " + this, e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics on " + this, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Creating topics on " + this + " timed out", e);
    }
  }

  /** The address of the SASL/PLAIN listener for {@code bootstrap.servers}. */
  public String saslBootstrapServers() {
    if (saslPort == 0) {
      throw new IllegalStateException("this broker was started without a SASL listener");
    }
    return bootstrapServers(saslPort);
  }

  /** The address for {@code bootstrap.servers}, such as {@code 127.0.0.1:9092}. */
  public String bootstrapServers() {
    return bootstrapServers(port);
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path instanceDir() {
    return instanceDir;
  }

  /** The broker's own log (its standard output), appended to by every start on this folder. */
  public Path logFile() {
    return process.logFile();
  }

  /** How long {@link #start} took, from call to first answer, formatting included. */
  public Duration startupTime() {
    return startupTime;
  }

  public ChildJvm process() {
    return process;
  }

  /** Stops the broker gracefully (SIGTERM, SIGKILL after a grace period); the data stays. */
  public void stop() {
    process.close();
  }

  /** Kills the broker at once, as a crash would, for fault tests; the data stays. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "Kafka at " + bootstrapServers() + " (" + process + ")";
  }
}
