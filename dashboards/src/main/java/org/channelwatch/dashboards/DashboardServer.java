package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: a small read-only HTTP service that reads Elasticsearch and serves JSON and
 * the page.
 *
 * <p>The browser only ever talks to this service, so Elasticsearch stays private and the page
 * keeps working (with an error banner) while Elasticsearch is away.
 */
public final class DashboardServer implements AutoCloseable {

  /** Loopback only unless the caller asks otherwise: the dashboard has no authentication. */
  public static final String DEFAULT_BIND_HOST = "127.0.0.1";

  /** Class path folder of the page's files. */
  static final String WEB_ROOT = "org/channelwatch/dashboards/web/";

  /** Enough for a few screens polling every few seconds without starving the shared cores. */
  private static final int THREADS = 4;

  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Class path folder of the WebJars, served under {@code /webjars/}. */
  static final String WEBJARS_ROOT = "META-INF/resources/webjars/";

  private static final String WEBJARS_PREFIX = "/webjars/";

  private final HttpServer http;
  private final ExecutorService pool;
  private final ElasticsearchConnection.Clients clients;
  private final Map<String, DashboardApi.Endpoint> api;
  private final StaticFiles files;
  private final StaticFiles webjars;
  /** WebJar files are versioned and large (ECharts is 1 MB): read once, kept. */
  private final Map<String, StaticFiles.File> webjarCache = new ConcurrentHashMap<>();
  private final URI uri;
  /** So that a long outage logs once, not once per poll of every open screen. */
  private final AtomicBoolean elasticsearchDown = new AtomicBoolean();

  private DashboardServer(
      HttpServer http,
      ExecutorService pool,
      ElasticsearchConnection.Clients clients,
      Map<String, DashboardApi.Endpoint> api) {
    this.http = http;
    this.pool = pool;
    this.clients = clients;
    this.api = api;
    this.files = new StaticFiles(DashboardServer.class.getClassLoader(), WEB_ROOT);
    this.webjars = new StaticFiles(DashboardServer.class.getClassLoader(), WEBJARS_ROOT);
    this.uri = uriOf(http.getAddress());
  }

  /** Starts the dashboard on {@link #DEFAULT_BIND_HOST}; port 0 picks a free port. */
  public static DashboardServer start(
      ElasticsearchConnection es, List<RegionTile> regions, int port) throws IOException {
    return start(es, regions, DEFAULT_BIND_HOST, port);
  }

  /**
   * Starts the dashboard.
   *
   * <p>It starts even while Elasticsearch is down: the page then reports that, and recovers by
   * itself once Elasticsearch is back.
   *
   * @param es where the indicator documents are
   * @param regions every region to show, in any order (the page uses tile order); codes unique
   * @param bindHost the address to listen on; null means {@link #DEFAULT_BIND_HOST}
   * @param port the port; 0 picks a free one, see {@link #uri()}
   */
  public static DashboardServer start(
      ElasticsearchConnection es, List<RegionTile> regions, String bindHost, int port)
      throws IOException {
    List<RegionTile> tiles = inTileOrder(regions);
    String host = bindHost == null || bindHost.isBlank() ? DEFAULT_BIND_HOST : bindHost.trim();
    HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
    ElasticsearchConnection.Clients clients = es.open();
    IndicatorReader indicators = new IndicatorReader(clients.blocking());
    DashboardApi api =
        new DashboardApi(
            tiles, SearchClient.over(clients.lowLevel()), indicators, Clock.systemUTC());

    ExecutorService pool = Executors.newFixedThreadPool(THREADS, threadFactory());
    DashboardServer server = new DashboardServer(http, pool, clients, api.endpoints());
    http.createContext("/", server::handle);
    http.setExecutor(pool);
    http.start();
    LOG.info("Dashboard at {} reading Elasticsearch at {}", server.uri, es.url());
    return server;
  }

  /** Where the dashboard's page is, with the port actually bound. */
  public URI uri() {
    return uri;
  }

  @Override
  public void close() {
    // A second lets a poll in flight finish instead of seeing a reset connection.
    http.stop(1);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    try {
      clients.close();
    } catch (IOException e) {
      LOG.warn("Closing the Elasticsearch client failed", e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (IOException e) {
        // Mostly a browser that went away mid-response; nothing to answer.
        LOG.debug("Writing the response to {} failed", exchange.getRequestURI(), e);
      } catch (RuntimeException e) {
        LOG.error("Request {} failed", exchange.getRequestURI(), e);
        try {
          sendJson(exchange, 500, error("internal_error", "Internal error"));
        } catch (IOException | RuntimeException headersAlreadySent) {
          LOG.debug("Could not report the failure to the client", headersAlreadySent);
        }
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      sendJson(exchange, 405, error("method_not_allowed", "Only GET is supported"));
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    if (path.equals("/healthz")) {
      send(exchange, 200, "text/plain; charset=utf-8", "ok".getBytes(StandardCharsets.UTF_8));
      return;
    }
    DashboardApi.Endpoint endpoint = api.get(path);
    if (endpoint != null) {
      serveApi(exchange, endpoint);
      return;
    }
    if (path.startsWith("/api/")) {
      sendJson(exchange, 404, error("not_found", "No such resource"));
      return;
    }
    if (path.startsWith(WEBJARS_PREFIX)) {
      serveWebjar(exchange, path.substring(WEBJARS_PREFIX.length()));
      return;
    }
    Optional<StaticFiles.File> file =
        files.find(path.equals("/") ? "index.html" : path.substring(1));
    if (file.isEmpty()) {
      send(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    // Revalidate every load so that an upgraded server never runs with an old script.
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    send(exchange, 200, file.get().contentType(), file.get().body());
  }

  private void serveWebjar(HttpExchange exchange, String relativePath) throws IOException {
    StaticFiles.File file = webjarCache.get(relativePath);
    if (file == null) {
      Optional<StaticFiles.File> found = webjars.find(relativePath);
      if (found.isEmpty()) {
        send(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      file = found.get();
      webjarCache.put(relativePath, file);
    }
    // The version is in the path, so a file never changes under its name.
    exchange.getResponseHeaders().set("Cache-Control", "public, max-age=31536000, immutable");
    send(exchange, 200, file.contentType(), file.body());
  }

  private void serveApi(HttpExchange exchange, DashboardApi.Endpoint endpoint) throws IOException {
    DashboardApi.Reply reply;
    try {
      reply = endpoint.get(QueryParams.parse(exchange.getRequestURI().getRawQuery()));
    } catch (BadRequestException e) {
      sendJson(exchange, 400, error("bad_request", e.getMessage()));
      return;
    } catch (ElasticsearchUnavailableException e) {
      if (elasticsearchDown.compareAndSet(false, true)) {
        LOG.warn("Elasticsearch unreachable; the dashboard shows an error until it is back", e);
      } else {
        LOG.debug("Elasticsearch still unreachable", e);
      }
      sendJson(exchange, 503, error("elasticsearch_unavailable", "Elasticsearch unreachable"));
      return;
    }
    if (elasticsearchDown.compareAndSet(true, false)) {
      LOG.info("Elasticsearch reachable again");
    }
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, reply.status(), reply.contentType(), reply.body());
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("error", code);
    node.put("message", message);
    return node;
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body)
      throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, status, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    // The page loads nothing from elsewhere and runs no inline script; say so to the browser.
    headers.set(
        "Content-Security-Policy",
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    // A HEAD answer must not carry a body, even a refusal's.
    boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static List<RegionTile> inTileOrder(List<RegionTile> regions) {
    List<RegionTile> sorted = new ArrayList<>(regions);
    Set<String> codes = new HashSet<>();
    for (RegionTile region : sorted) {
      if (!codes.add(region.code())) {
        throw new IllegalArgumentException("region " + region.code() + " is listed twice");
      }
    }
    sorted.sort(RegionTile.TILE_ORDER);
    return List.copyOf(sorted);
  }

  private static URI uriOf(InetSocketAddress address) {
    InetAddress bound = address.getAddress();
    // A wildcard address is not somewhere to point a browser; loopback reaches it too.
    String host =
        bound.isAnyLocalAddress()
            ? InetAddress.getLoopbackAddress().getHostAddress()
            : bound.getHostAddress();
    try {
      return new URI("http", null, host, address.getPort(), "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ThreadFactory threadFactory() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "dashboard-http-" + count.incrementAndGet());
      // The server's own dispatcher thread keeps the process alive; workers must not block exit.
      thread.setDaemon(true);
      return thread;
    };
  }
}
