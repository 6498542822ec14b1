package org.channelwatch.dashboards;

import java.util.Comparator;
import java.util.Objects;

/**
 * One region as the dashboard draws it: its names and its cell on the tile map.
 *
 * <p>The caller maps its own region list to these, so this module never reads {@code
 * regions.csv} and stays usable with any region set.
 *
 * @param code the region code, such as {@code 330000}, as written in the indicator documents
 * @param abbr a short label for a tile, such as {@code ZJ}
 * @param nameZh the Chinese name, such as {@code 浙江省}
 * @param nameEn the English name, such as {@code Zhejiang}
 * @param tileCol the tile map column, 0 at the left
 * @param tileRow the tile map row, 0 at the top
 */
public record RegionTile(
    String code, String abbr, String nameZh, String nameEn, int tileCol, int tileRow) {

  /** Reading order of the tile map (row by row, left to right), the order of every region list. */
  public static final Comparator<RegionTile> TILE_ORDER =
      Comparator.comparingInt(RegionTile::tileRow)
          .thenComparingInt(RegionTile::tileCol)
          .thenComparing(RegionTile::code);

  public RegionTile {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(abbr, "abbr");
    Objects.requireNonNull(nameZh, "nameZh");
    Objects.requireNonNull(nameEn, "nameEn");
    if (code.isBlank()) {
      throw new IllegalArgumentException("region code is blank");
    }
    if (tileCol < 0 || tileRow < 0) {
      throw new IllegalArgumentException(
          "region " + code + " has a negative tile position (" + tileCol + ", " + tileRow + ")");
    }
  }
}
