package org.channelwatch.connectors.local;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Elasticsearch node running in a child JVM, for the embedded default and the tests.
 *
 * <p>The node is assembled from Maven Central artifacts by the {@code channelwatch-elasticsearch-node}
 * module, which lacks a few modules of a full distribution (x-pack, painless, the REST root);
 * see {@code shared/notes/embedded-elasticsearch.md}. Everything an instance writes lives in its
 * instance folder ({@code config/}, {@code data/}, {@code logs/}, {@code tmp/}), so starting again
 * on the same folder keeps the indexed data.
 */
public final class LocalElasticsearch implements AutoCloseable {

  /** System property naming the node layout folder (the one holding {@code lib/}). */
  public static final String HOME_PROPERTY = "channelwatch.elasticsearch.home";

  /** Environment variable naming the node layout folder, used when the property is not set. */
  public static final String HOME_ENV = "CHANNELWATCH_ELASTICSEARCH_HOME";

  static final String MAIN_CLASS = "org.channelwatch.connectors.esnode.ElasticsearchNodeMain";
  static final Path LAUNCHER_JAR = Path.of("launcher", "channelwatch-elasticsearch-node.jar");
  private static final Path LAYOUT_IN_CHECKOUT =
      Path.of("connectors", "elasticsearch-node", "target", "elasticsearch");
  private static final String HEAP = "512m";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final Path instanceDir;
  private final int httpPort;
  private final ChildJvm process;
  private final Duration startupTime;

  private LocalElasticsearch(Path instanceDir, int httpPort, ChildJvm process, Duration startupTime) {
    this.instanceDir = instanceDir;
    this.httpPort = httpPort;
    this.process = process;
    this.startupTime = startupTime;
  }

  /**
   * Starts a node on {@code instanceDir} and returns once it answers {@code GET /_cluster/health}
   * with at least yellow status.
   *
   * @param httpPort the HTTP port, or 0 for any free one; pass {@link #httpPort()} of an earlier
   *     instance to come back at the same URL
   * @throws IOException if the layout is missing, or the node dies or is not ready within 90 s (the
   *     message names its log file)
   */
  public static LocalElasticsearch start(Path instanceDir, int httpPort) throws IOException {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("HTTP port " + httpPort + " is not in 0..65535");
    }
    long startedAt = System.nanoTime();
    Path home = locateHome();
    Path dir = instanceDir.toAbsolutePath().normalize();
    Path config = dir.resolve("config");
    Path logs = dir.resolve("logs");
    Path tmp = dir.resolve("tmp");
    for (Path sub : List.of(config, dir.resolve("data"), logs, tmp)) {
      Files.createDirectories(sub);
    }
    Files.writeString(config.resolve("elasticsearch.yml"), elasticsearchYml(dir, httpPort));
    // A ports file left by the previous run would name a port nobody listens on any more.
    Path portsFile = logs.resolve("http.ports");
    Files.deleteIfExists(portsFile);

    List<String> jvmArgs =
        List.of(
            "-Xms" + HEAP,
            "-Xmx" + HEAP,
            // A node out of memory is useless; dying makes start() or the caller notice at once.
            "-XX:+ExitOnOutOfMemoryError",
            "-Des.path.home=" + home,
            "-Des.path.conf=" + config,
            "-Djava.io.tmpdir=" + tmp,
            "-Djna.nosys=true",
            "-Dio.netty.noUnsafe=true",
            "-Dio.netty.noKeySetOptimization=true",
            "-Dio.netty.recycler.maxCapacityPerThread=0",
            "-Dlog4j2.disable.jmx=true",
            "-Dlog4j2.formatMsgNoLookups=true",
            // The launcher stops log4j itself after the node has closed, so closing is logged.
            "-Dlog4j.shutdownHookEnabled=false",
            "-Dfile.encoding=UTF-8",
            "-Djava.awt.headless=true",
            // On a plain class path the server is not a named module and fails to start.
            "--module-path",
            home.resolve("lib").toString(),
            "--add-modules",
            "ALL-MODULE-PATH",
            "-cp",
            home.resolve(LAUNCHER_JAR) + File.pathSeparator + ExitWithParent.location());
    ChildJvm process =
        ChildJvm.start(
            "elasticsearch", jvmArgs, MAIN_CLASS, List.of(), dir, logs.resolve("elasticsearch.log"));
    try {
      int port = awaitReady(process, portsFile);
      return new LocalElasticsearch(
          dir, port, process, Duration.ofNanos(System.nanoTime() - startedAt));
    } catch (IOException | RuntimeException | Error e) {
      process.close();
      throw e;
    }
  }

  /**
   * Finds the node layout built by the {@code channelwatch-elasticsearch-node} module.
   *
   * @throws IOException saying how to build it when it is not found
   */
  public static Path locateHome() throws IOException {
    String property = System.getProperty(HOME_PROPERTY);
    if (property != null && !property.isBlank()) {
      return checkLayout(Path.of(property), "system property " + HOME_PROPERTY);
    }
    String env = System.getenv(HOME_ENV);
    if (env != null && !env.isBlank()) {
      return checkLayout(Path.of(env), "environment variable " + HOME_ENV);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(LAYOUT_IN_CHECKOUT);
      if (Files.isDirectory(candidate)) {
        return checkLayout(candidate, "the checkout at " + dir);
      }
    }
    throw new IOException(
        "The local Elasticsearch node is not built: no "
            + LAYOUT_IN_CHECKOUT
            + " above "
            + Path.of("").toAbsolutePath()
            + ". Build it with `./channelwatch build` (or `mvn -DskipTests package`) in the"
            + " ChannelWatch checkout, or point -D"
            + HOME_PROPERTY
            + " or "
            + HOME_ENV
            + " at a built layout.");
  }

  private static Path checkLayout(Path home, String source) throws IOException {
    Path absolute = home.toAbsolutePath().normalize();
    for (Path required :
        List.of(Path.of("lib"), Path.of("modules", "transport-netty4"), LAUNCHER_JAR)) {
      if (!Files.exists(absolute.resolve(required))) {
        throw new IOException(
            "The local Elasticsearch layout "
                + absolute
                + " (from "
                + source
                + ") lacks "
                + required
                + ". Build it with `./channelwatch build` (or `mvn -DskipTests package`) in the"
                + " ChannelWatch checkout.");
      }
    }
    return absolute;
  }

  private static String elasticsearchYml(Path dir, int httpPort) {
    return String.join(
        "\n",
        "# Written by LocalElasticsearch at every start: edits here are overwritten.",
        "cluster.name: channelwatch-local",
        "node.name: channelwatch-local",
        "path.data: " + yamlString(dir.resolve("data").toString()),
        "path.logs: " + yamlString(dir.resolve("logs").toString()),
        "discovery.type: single-node",
        "network.host: 127.0.0.1",
        "http.port: " + httpPort,
        "transport.port: 0",
        // The node writes logs/http.ports once HTTP is bound: the only sure way to learn a port
        // it picked itself, and proof that the answering server is this node and not a stranger.
        "node.portsfile: true",
        // A developer's nearly full disk must not turn indices read-only under a test.
        "cluster.routing.allocation.disk.threshold_enabled: false",
        "");
  }

  private static String yamlString(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static int awaitReady(ChildJvm process, Path portsFile) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    int port = 0;
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IOException(
              "Elasticsearch exited during start-up; see its log "
                  + process.logFile()
                  + ", which ends with:\n"
                  + ChildJvm.tail(process.logFile()));
        }
        if (port == 0) {
          port = readPortsFile(portsFile);
        }
        if (port != 0 && healthAnswers(http, port)) {
          return port;
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "Elasticsearch was not ready within "
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
      throw new InterruptedIOException("Interrupted while waiting for Elasticsearch to start");
    }
  }

  /** The HTTP port from the node's ports file, or 0 while the node has not written it yet. */
  private static int readPortsFile(Path portsFile) throws IOException {
    List<String> lines;
    try {
      // The node writes the file elsewhere and moves it in place, so it is never half written.
      lines = Files.readAllLines(portsFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException notYet) {
      return 0;
    }
    for (String line : lines) {
      int colon = line.lastIndexOf(':');
      if (colon > 0) {
        return Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    return 0;
  }

  private static boolean healthAnswers(HttpClient http, int port) throws InterruptedException {
    // Yellow means every primary shard is assigned, so data written before a restart is readable.
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(url(port) + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String url(int port) {
    return "http://127.0.0.1:" + port;
  }

  /** The base URL, such as {@code http://127.0.0.1:9200}. */
  public String url() {
    return url(httpPort);
  }

  public int httpPort() {
    return httpPort;
  }

  public Path instanceDir() {
    return instanceDir;
  }

  /** The node's own log (its standard output), appended to by every start on this folder. */
  public Path logFile() {
    return process.logFile();
  }

  /** How long {@link #start} took, from call to first healthy answer. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The resident memory of the node process in bytes, or -1 where Linux's /proc is missing. */
  public long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the process is gone.
    }
    return -1;
  }

  public ChildJvm process() {
    return process;
  }

  /** Stops the node gracefully (SIGTERM, SIGKILL after a grace period); the data stays. */
  public void stop() {
    process.close();
  }

  /** Kills the node at once, as a crash would, for fault tests; the data stays. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "Elasticsearch at " + url() + " (" + process + ")";
  }
}
