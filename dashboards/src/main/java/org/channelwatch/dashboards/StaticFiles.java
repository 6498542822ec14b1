package org.channelwatch.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves files from one folder of the class path, such as the page's own files or a WebJar.
 *
 * <p>Only names with a known file type are served: a class path folder can hold much more than
 * web files, and a directory resource must never be listed.
 */
final class StaticFiles {

  /** A file type the dashboard serves. */
  record File(byte[] body, String contentType) {}

  /** Relative paths of plain segments only; no segment may start with a dot, so no "..". */
  private static final Pattern SAFE_PATH =
      Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.[a-z0-9]+");

  private static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json; charset=utf-8"),
          Map.entry("map", "application/json; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"));

  private final ClassLoader loader;
  private final String root;

  /**
   * @param root the class path folder, such as {@code org/channelwatch/dashboards/web/}
   */
  StaticFiles(ClassLoader loader, String root) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.root = root.endsWith("/") ? root : root + "/";
  }

  /** The file at {@code relativePath} (no leading slash), or empty when there is none to serve. */
  Optional<File> find(String relativePath) throws IOException {
    if (!SAFE_PATH.matcher(relativePath).matches()) {
      return Optional.empty();
    }
    String extension =
        relativePath.substring(relativePath.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String contentType = CONTENT_TYPES.get(extension);
    if (contentType == null) {
      return Optional.empty();
    }
    try (InputStream in = loader.getResourceAsStream(root + relativePath)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new File(in.readAllBytes(), contentType));
    }
  }
}
