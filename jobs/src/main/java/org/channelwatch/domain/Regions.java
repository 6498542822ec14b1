package org.channelwatch.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The regions of the contract's {@code regions.csv}, which ships inside this jar unchanged.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Regions {

  private static final String RESOURCE = "regions.csv";
  private static final Map<String, Region> BY_CODE = load();

  private Regions() {}

  /** All regions, in the order of the file. */
  public static List<Region> all() {
    return List.copyOf(BY_CODE.values());
  }

  public static Optional<Region> byCode(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }

  public static boolean isKnown(String code) {
    return BY_CODE.containsKey(code);
  }

  /** The Chinese name of a known region, or the code itself for an unknown one. */
  public static String nameOf(String code) {
    Region region = BY_CODE.get(code);
    return region == null ? code : region.nameZh();
  }

  private static Map<String, Region> load() {
    try (InputStream in = Regions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("regions.csv is missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, Region> regions = new LinkedHashMap<>();
      List<String> lines = new ArrayList<>(reader.lines().toList());
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        regions.put(
            f[0],
            new Region(f[0], f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5])));
      }
      return Collections.unmodifiableMap(regions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
