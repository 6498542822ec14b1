package org.channelwatch.dashboards;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The contract's 32 regions as tiles, read the way the command line will map them. */
final class TestRegions {

  private TestRegions() {}

  static List<RegionTile> all() {
    Path csv =
        Path.of(System.getProperty("channelwatch.shared.dir", "../../shared"), "contract", "regions.csv");
    try {
      return Files.readAllLines(csv, UTF_8).stream()
          .skip(1)
          .filter(line -> !line.isBlank())
          .map(line -> line.split(",", -1))
          .map(
              f ->
                  new RegionTile(
                      f[0], f[1], f[2], f[3], Integer.parseInt(f[4].trim()), Integer.parseInt(f[5].trim())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
