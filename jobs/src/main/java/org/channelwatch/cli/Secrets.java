package org.channelwatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads values given as {@code @FILE}, so that secrets need not appear on a command line. */
final class Secrets {
  private Secrets() {}

  static Map<String, String> resolve(Map<String, String> properties) {
    Map<String, String> resolved = new LinkedHashMap<>();
    properties.forEach((key, value) -> resolved.put(key, resolve(value)));
    return resolved;
  }

  static String resolve(String value) {
    if (value == null || !value.startsWith("@")) {
      return value;
    }
    Path file = Path.of(value.substring(1));
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the secret file " + file, e);
    }
  }
}
