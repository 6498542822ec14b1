package org.channelwatch.connectors.esnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

/**
 * Runs one Elasticsearch node in this JVM, configured by the system properties {@code
 * es.path.home} and {@code es.path.conf}.
 *
 * <p>Elasticsearch's own entry point needs its launcher scripts, a CLI process and modules that are
 * not on Maven Central, so this class does the few steps that matter for a local node itself. It
 * must run with the server jars on the module path ({@code --module-path lib --add-modules
 * ALL-MODULE-PATH}): on a plain class path the server is not a named module and fails to start.
 * SIGTERM closes the node cleanly through a shutdown hook.
 */
public final class ElasticsearchNodeMain {

  private static final String DEFAULT_NODE_NAME = "channelwatch-local";

  private ElasticsearchNodeMain() {}

  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable e) {
      // Our parent reads the log file we write to, so the cause must land there before we exit.
      System.err.println("The Elasticsearch node failed to start: " + e);
      e.printStackTrace();
      System.err.flush();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void run() throws Exception {
    Path home = Path.of(requiredProperty("es.path.home")).toAbsolutePath();
    Path conf =
        Path.of(System.getProperty("es.path.conf", home.resolve("config").toString())).toAbsolutePath();
    writeDefaultLogConfigIfMissing(conf);

    // Reading elasticsearch.yml already logs, so the ES log4j plugins must be in place first.
    LogConfigurator.configureESLogging();
    Settings input = Settings.builder().put("path.home", home.toString()).build();
    Environment environment =
        InternalSettingsPreparer.prepareEnvironment(input, Map.of(), conf, () -> DEFAULT_NODE_NAME);
    LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(environment.settings()));
    LogConfigurator.configure(environment, true);

    PluginsLoader pluginsLoader =
        PluginsLoader.createPluginsLoader(
            PluginsLoader.loadModulesBundles(environment.modulesDir()),
            PluginsLoader.loadPluginsBundles(environment.pluginsDir()),
            Map.of());
    Node node = new Node(environment, pluginsLoader);

    // The node's threads are daemons: without a live non-daemon thread the JVM would exit at once.
    CountDownLatch stopped = new CountDownLatch(1);
    Thread keepAlive =
        new Thread(
            () -> {
              try {
                stopped.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "elasticsearch[keepAlive]");
    keepAlive.setDaemon(false);
    keepAlive.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> shutdown(node, stopped), "elasticsearch[shutdown]"));

    node.start();
  }

  private static void shutdown(Node node, CountDownLatch stopped) {
    try {
      node.prepareForClose();
      node.close();
      if (!node.awaitClose(15, TimeUnit.SECONDS)) {
        System.err.println("The Elasticsearch node did not close within 15 s");
      }
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // log4j's own shutdown hook is disabled (log4j.shutdownHookEnabled=false) so that the node can
      // still log while closing; flush and stop it last.
      Configurator.shutdown((LoggerContext) LogManager.getContext(false));
      stopped.countDown();
    }
  }

  private static void writeDefaultLogConfigIfMissing(Path conf) throws IOException {
    Path target = conf.resolve("log4j2.properties");
    if (Files.exists(target)) {
      return;
    }
    Files.createDirectories(conf);
    try (InputStream in = ElasticsearchNodeMain.class.getResourceAsStream("log4j2.properties")) {
      if (in == null) {
        throw new IllegalStateException("log4j2.properties is missing from the launcher jar");
      }
      Files.copy(in, target);
    }
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("System property " + name + " is not set");
    }
    return value;
  }
}
