package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * How the platform owners' item table is filtered and sorted; the page and the CSV export use the
 * same parameters, so the download is what the screen shows.
 *
 * @param text a case-insensitive part of the item code or name; empty for all
 * @param filter which items to keep
 * @param sort the order of the rows
 */
public record ItemQuery(String text, Filter filter, Sort sort) {

  /** Longest search text accepted, far above any item name (200 chars by the contract). */
  static final int MAX_TEXT = 200;

  public enum Filter {
    /** Every item. */
    ALL("all"),
    /** Items whose publishing channels disagree on a key fact. */
    INCONSISTENT("inconsistent"),
    /** Items published on some channels but not on all four. */
    PARTIAL("partial");

    final String key;

    Filter(String key) {
      this.key = key;
    }
  }

  public enum Sort {
    CODE("code"),
    NAME("name"),
    /** Inconsistent items first, then by code. */
    INCONSISTENT("inconsistent"),
    /** Lowest mean guide completeness first, then by code. */
    COMPLETENESS("completeness");

    final String key;

    Sort(String key) {
      this.key = key;
    }
  }

  public static final ItemQuery ALL = new ItemQuery("", Filter.ALL, Sort.CODE);

  public ItemQuery {
    text = text == null ? "" : text.strip();
  }

  /** Reads {@code q}, {@code filter} and {@code sort}; absent ones take their defaults. */
  public static ItemQuery of(Map<String, String> params) throws BadRequestException {
    String text = params.getOrDefault("q", "");
    if (text.length() > MAX_TEXT) {
      throw new BadRequestException("q is longer than " + MAX_TEXT + " characters");
    }
    Filter filter = Filter.ALL;
    String filterKey = params.get("filter");
    if (filterKey != null && !filterKey.isEmpty()) {
      filter = null;
      for (Filter f : Filter.values()) {
        if (f.key.equals(filterKey)) {
          filter = f;
        }
      }
      if (filter == null) {
        throw new BadRequestException("filter must be all, inconsistent or partial");
      }
    }
    Sort sort = Sort.CODE;
    String sortKey = params.get("sort");
    if (sortKey != null && !sortKey.isEmpty()) {
      sort = null;
      for (Sort s : Sort.values()) {
        if (s.key.equals(sortKey)) {
          sort = s;
        }
      }
      if (sort == null) {
        throw new BadRequestException("sort must be code, name, inconsistent or completeness");
      }
    }
    return new ItemQuery(text, filter, sort);
  }

  /** Whether a shaped item (see {@link ItemsView}) passes the filter and the text. */
  boolean matches(JsonNode item) {
    switch (filter) {
      case INCONSISTENT -> {
        if (item.path("consistent").asBoolean(true)) {
          return false;
        }
      }
      case PARTIAL -> {
        int published = item.path("publishedOn").size();
        if (published == 0 || published == AvailabilityView.CHANNELS.size()) {
          return false;
        }
      }
      case ALL -> {}
    }
    if (text.isEmpty()) {
      return true;
    }
    String needle = text.toLowerCase(Locale.ROOT);
    if (contains(item.path("itemCode"), needle) || contains(item.path("itemName"), needle)) {
      return true;
    }
    for (JsonNode channel : item.path("channels")) {
      if (contains(channel.path("itemName"), needle)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonNode value, String needle) {
    return value.isTextual() && value.asText().toLowerCase(Locale.ROOT).contains(needle);
  }

  /** The row order. */
  Comparator<JsonNode> comparator() {
    Comparator<JsonNode> byCode = Comparator.comparing(i -> i.path("itemCode").asText(""));
    return switch (sort) {
      case CODE -> byCode;
      case NAME -> {
        Collator collator = Collator.getInstance(Locale.CHINA);
        yield Comparator.<JsonNode, String>comparing(
                i -> i.path("itemName").asText(""), collator::compare)
            .thenComparing(byCode);
      }
      case INCONSISTENT ->
          Comparator.<JsonNode, Boolean>comparing(i -> i.path("consistent").asBoolean(true))
              .thenComparing(byCode);
      case COMPLETENESS ->
          Comparator.<JsonNode>comparingDouble(
                  i -> i.path("completenessMean").isNumber()
                      ? i.path("completenessMean").doubleValue()
                      : Double.MAX_VALUE)
              .thenComparing(byCode);
    };
  }

  /** The parameters as they go back into a URL, for the CSV link. */
  public String filterKey() {
    return filter.key;
  }

  public String sortKey() {
    return sort.key;
  }
}
