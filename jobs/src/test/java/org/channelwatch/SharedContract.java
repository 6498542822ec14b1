package org.channelwatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The contract's example files, which live beside the checkout in {@code ../shared/contract}. */
public final class SharedContract {
  private SharedContract() {}

  public static Path dir() {
    String configured = System.getProperty("channelwatch.shared.dir");
    Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    Path contract = shared.resolve("contract");
    if (!Files.isDirectory(contract)) {
      throw new IllegalStateException(
          "The contract examples are missing at " + contract.toAbsolutePath()
              + "; the shared/ folder must sit beside the checkout");
    }
    return contract;
  }

  public static List<String> lines(String relative) {
    try {
      return Files.readAllLines(dir().resolve(relative), StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of examples/invalid.tsv as (expected reason, record value), comments skipped. */
  public static List<String[]> invalidExamples() {
    return lines("examples/invalid.tsv").stream()
        .filter(line -> !line.startsWith("#"))
        .map(line -> line.split("\t", 2))
        .toList();
  }
}
