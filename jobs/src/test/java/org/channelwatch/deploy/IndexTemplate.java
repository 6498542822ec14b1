package org.channelwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One of our Elasticsearch index templates, loaded from the class path (the connectors jar) and
 * flattened to dotted field paths with their mapping types; object fields have type {@code object}.
 */
final class IndexTemplate {
  static final String RESOURCE_DIR = "/org/channelwatch/connectors/elasticsearch/templates/";
  private static final ObjectMapper JSON = new ObjectMapper();

  final String name;
  final List<String> indexPatterns;
  final Map<String, String> fields;

  IndexTemplate(String name, List<String> indexPatterns, Map<String, String> fields) {
    this.name = name;
    this.indexPatterns = indexPatterns;
    this.fields = fields;
  }

  /** The template {@code name} (file {@code <name>.json}), or empty when there is none. */
  static Optional<IndexTemplate> load(String name) {
    try (InputStream in = IndexTemplate.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(parse(name, JSON.readTree(in)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read index template " + name, e);
    }
  }

  static IndexTemplate parse(String name, JsonNode template) {
    List<String> patterns = new ArrayList<>();
    template.path("index_patterns").forEach(p -> patterns.add(p.asText()));
    Map<String, String> fields = new LinkedHashMap<>();
    flatten("", template.path("template").path("mappings").path("properties"), fields);
    return new IndexTemplate(name, List.copyOf(patterns), Map.copyOf(fields));
  }

  private static void flatten(String prefix, JsonNode properties, Map<String, String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      String path = prefix + property.getKey();
      JsonNode mapping = property.getValue();
      if (mapping.has("properties")) {
        out.put(path, mapping.path("type").asText("object"));
        flatten(path + ".", mapping.get("properties"), out);
      } else {
        out.put(path, mapping.path("type").asText("object"));
      }
    }
  }

  /**
   * The template a data view title (an index name or pattern) is served by: {@code
   * channelwatch-indicators-*} by {@code channelwatch-indicators}, {@code channelwatch-items} by
   * {@code channelwatch-items}; and only when that template's index_patterns cover the title.
   */
  static Optional<IndexTemplate> forIndex(String title) {
    String name = title.endsWith("-*") ? title.substring(0, title.length() - 2) : title;
    return load(name).filter(t -> t.covers(title));
  }

  boolean covers(String indexOrPattern) {
    for (String pattern : indexPatterns) {
      if (pattern.equals(indexOrPattern) || glob(pattern).matcher(indexOrPattern).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String pattern) {
    return Pattern.compile(
        Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
  }

  @Override
  public String toString() {
    return name + indexPatterns;
  }
}
