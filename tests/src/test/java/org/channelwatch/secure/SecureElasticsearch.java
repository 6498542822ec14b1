package org.channelwatch.secure;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.elasticsearch.client.Request;

/**
 * A real Elasticsearch 8.19 distribution (from Maven Central, with x-pack security) running with
 * security on, HTTPS with a CA of our own, and users in its file realm: {@code admin} (superuser)
 * and {@code channelwatch_writer} (the least-privilege role that docker/elasticsearch/setup.sh gives
 * the job).
 *
 * <p>Elasticsearch refuses to run as root, so as root it runs as the unprivileged user 65534
 * through {@code setpriv}, with the files it writes owned by that user. Startup failures name the
 * node's log and end with its last lines.
 */
final class SecureElasticsearch implements AutoCloseable {

  static final String HOME_PROPERTY = "channelwatch.secure.elasticsearch.home";
  static final String ADMIN = "admin";
  static final String WRITER = "channelwatch_writer";
  /** The writer role of docker/elasticsearch/setup.sh, in roles.yml. */
  static final String WRITER_ROLE_JSON =
      "{\"cluster\":[\"monitor\",\"manage_index_templates\"],\"indices\":[{\"names\":[\"channelwatch-*\"],"
          + "\"privileges\":[\"create_index\",\"write\",\"read\",\"view_index_metadata\",\"manage\"]}]}";
  private static final int NOBODY = 65534;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final Path usersFile;
  private final Path logFile;
  private final int port;
  final Path caFile;
  final String caFingerprint;
  final Map<String, String> passwords;

  private SecureElasticsearch(
      Process process, Path usersFile, Path logFile, int port, Path caFile, String caFingerprint,
      Map<String, String> passwords) {
    this.process = process;
    this.usersFile = usersFile;
    this.logFile = logFile;
    this.port = port;
    this.caFile = caFile;
    this.caFingerprint = caFingerprint;
    this.passwords = passwords;
  }

  String url() {
    return "https://127.0.0.1:" + port;
  }

  /** A connection trusting our CA, without credentials. */
  ElasticsearchConnection connection() {
    return ElasticsearchConnection.of(url()).withCaCertificate(caFile);
  }

  ElasticsearchConnection as(String user) {
    return connection().withBasicAuth(user, passwords.get(user));
  }

  static SecureElasticsearch start(Path dir) throws Exception {
    Path home = distribution();
    boolean root = "root".equals(System.getProperty("user.name")) || isRoot();
    Path setpriv = Path.of("/usr/bin/setpriv");
    if (root && !Files.isExecutable(setpriv)) {
      throw new AssertionError(
          "Elasticsearch refuses to run as root, and this test runs as root without /usr/bin/setpriv to drop to an "
              + "unprivileged user: install util-linux (apt-get install util-linux) or run the tests as another user");
    }
    Path config = Files.createDirectories(dir.resolve("config"));
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("tmp"));

    Map<String, String> passwords = new LinkedHashMap<>();
    passwords.put(ADMIN, "admin-" + randomToken());
    passwords.put(WRITER, "writer-" + randomToken());
    Certificates certificates = Certificates.make();
    Path certs = Files.createDirectories(config.resolve("certs"));
    Files.writeString(certs.resolve("node.crt"), pem("CERTIFICATE", certificates.node().getEncoded())
        + pem("CERTIFICATE", certificates.ca().getEncoded()));
    Files.writeString(certs.resolve("node.key"), pem("PRIVATE KEY", certificates.nodeKey().getPrivate().getEncoded()));
    Path caFile = dir.resolve("ca.crt");
    Files.writeString(caFile, pem("CERTIFICATE", certificates.ca().getEncoded()));
    String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificates.ca().getEncoded()));

    Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n",
        "cluster.name: channelwatch-secure-test",
        "node.name: secure",
        "path.data: '" + dir.resolve("data") + "'",
        "path.logs: '" + logs + "'",
        "discovery.type: single-node",
        "network.host: 127.0.0.1",
        "http.port: 0",
        "transport.port: 0",
        "node.portsfile: true",
        "cluster.routing.allocation.disk.threshold_enabled: false",
        "xpack.security.enabled: true",
        "xpack.security.http.ssl.enabled: true",
        "xpack.security.http.ssl.certificate: certs/node.crt",
        "xpack.security.http.ssl.key: certs/node.key",
        "xpack.security.transport.ssl.enabled: false",
        // Picks up a changed users file within a second (see changePassword).
        "resource.reload.interval.high: 1s",
        ""));
    // Heap and temp dir only: the distribution's jvm.options writes GC logs into its own folder.
    Files.writeString(config.resolve("jvm.options"),
        String.join("\n", "-XX:+UseG1GC", "-Xms512m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.io.tmpdir=${ES_TMPDIR}", ""));
    Files.copy(home.resolve("config/log4j2.properties"), config.resolve("log4j2.properties"));
    Files.writeString(config.resolve("roles.yml"), "channelwatch_writer: " + WRITER_ROLE_JSON + "\n");
    writeUsers(config.resolve("users"), passwords);
    Files.writeString(config.resolve("users_roles"), "superuser:" + ADMIN + "\n" + WRITER + ":" + WRITER + "\n");

    List<String> command = new ArrayList<>();
    if (root) {
      giveTo(dir, NOBODY);
      command.addAll(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    command.add(home.resolve("bin/elasticsearch").toString());
    Path logFile = logs.resolve("console.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().put("ES_PATH_CONF", config.toString());
    builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("ES_TMPDIR", dir.resolve("tmp").toString());
    builder.environment().put("HOME", dir.toString());
    builder.environment().remove("JAVA_HOME");
    builder.environment().remove("ES_JAVA_OPTS");
    Process process = builder.start();
    try {
      int port = awaitPort(process, logs.resolve("http.ports"), logFile);
      SecureElasticsearch node =
          new SecureElasticsearch(process, config.resolve("users"), logFile, port, caFile, fingerprint, passwords);
      node.awaitHealthy();
      return node;
    } catch (Exception | Error e) {
      stop(process);
      throw e;
    }
  }

  /**
   * Gives {@code user} a new password, as an administrator would while the job runs; the node reloads
   * its users file within a second or two.
   */
  void changePassword(String user, String password) throws IOException {
    passwords.put(user, password);
    writeUsers(usersFile, passwords);
  }

  private static void writeUsers(Path file, Map<String, String> passwords) throws IOException {
    StringBuilder users = new StringBuilder();
    passwords.forEach((user, password) -> users.append(user).append(':').append(bcrypt(password)).append('\n'));
    // Rewritten in place, so it keeps the owner the node runs as.
    Files.writeString(file, users.toString());
  }

  /** The unpacked distribution, which the tests module's build fetches before the tests run. */
  private static Path distribution() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || !Files.isExecutable(Path.of(home, "bin", "elasticsearch"))) {
      throw new AssertionError(
          "The Elasticsearch distribution for the security test is missing (" + HOME_PROPERTY + " = " + home
              + "). Run the tests through Maven (mvn -pl tests -am verify), whose build unpacks "
              + "org.elasticsearch.distribution.integ-test-zip:elasticsearch into tests/target/secure-elasticsearch.");
    }
    return Path.of(home);
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static void giveTo(Path dir, int uid) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        Files.setAttribute(file, "unix:uid", uid);
        Files.setAttribute(file, "unix:gid", uid);
      }
    }
  }

  private static int awaitPort(Process process, Path portsFile, Path logFile) throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("Elasticsearch exited during start-up; its log " + logFile + " ends with:\n" + tail(logFile));
      }
      if (Files.exists(portsFile)) {
        for (String line : Files.readAllLines(portsFile)) {
          if (line.contains(":")) {
            return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
          }
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Elasticsearch did not bind HTTP within " + START_TIMEOUT + "; its log ends with:\n" + tail(logFile));
  }

  private void awaitHealthy() throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try (ElasticsearchConnection.Clients clients = as(ADMIN).open()) {
      while (true) {
        try {
          clients.lowLevel().performRequest(new Request("GET", "/_cluster/health?wait_for_status=yellow&timeout=2s"));
          return;
        } catch (IOException notYet) {
          if (Instant.now().isAfter(deadline) || !process.isAlive()) {
            throw new AssertionError("Elasticsearch at " + url() + " did not become healthy (" + notYet.getMessage()
                + "); its log ends with:\n" + tail(logFile), notYet);
          }
          Thread.sleep(500);
        }
      }
    }
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static String bcrypt(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 10);
  }

  private static String randomToken() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** A CA and a node certificate for 127.0.0.1 and localhost that it signed, valid for two days. */
  record Certificates(X509Certificate ca, X509Certificate node, KeyPair nodeKey) {
    static Certificates make() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair caKey = generator.generateKeyPair();
      KeyPair nodeKey = generator.generateKeyPair();
      Date from = Date.from(Instant.now().minus(Duration.ofHours(1)));
      Date to = Date.from(Instant.now().plus(Duration.ofDays(2)));
      X500Name caName = new X500Name("CN=ChannelWatch test CA");
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      X509Certificate ca =
          converter.getCertificate(
              new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, caKey.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                  .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                  .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
      X509Certificate node =
          converter.getCertificate(
              new JcaX509v3CertificateBuilder(ca, BigInteger.TWO, from, to, new X500Name("CN=localhost"), nodeKey.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                  .addExtension(Extension.subjectAlternativeName, false,
                      new GeneralNames(new GeneralName[] {
                          new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}))
                  .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                  .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
      return new Certificates(ca, node, nodeKey);
    }
  }

  /** Stops the node and every process under the one we started (the CLI runs the server as a child). */
  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      for (ProcessHandle child : children) {
        child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
      process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      children.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop(process);
  }
}
