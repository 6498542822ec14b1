package org.channelwatch.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Kibana saved objects (an NDJSON export) against themselves and our index templates: every
 * object is well formed, every reference resolves within the file, and every field a data view,
 * Lens column, saved search or query names exists in the template of its index, with a type the
 * operation accepts. {@link #check} returns the problems found; none means all is well.
 */
final class SavedObjectsChecker {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Set<String> NUMERIC =
      Set.of("long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long");
  private static final Set<String> NOT_AGGREGATABLE = Set.of("text", "object", "nested");
  private static final Set<String> METRIC_OPERATIONS =
      Set.of("average", "sum", "median", "percentile", "percentile_rank", "standard_deviation");
  /** Lens' pseudo field of a document count. */
  private static final String RECORDS = "___records___";
  /** Field names in a KQL query: a name followed by a comparison, outside quoted values. */
  private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_@][\\w.@]*)\\s*(?::|<=|>=|<|>)");
  private static final Pattern KQL_QUOTED = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
  private static final int DASHBOARD_COLUMNS = 48;

  private final Function<String, Optional<IndexTemplate>> templateForIndex;

  /** @param templateForIndex the index template that serves a data view's title, if any */
  SavedObjectsChecker(Function<String, Optional<IndexTemplate>> templateForIndex) {
    this.templateForIndex = templateForIndex;
  }

  /** Parses NDJSON line by line; a line that is not a JSON object is a problem, named by its number. */
  static List<JsonNode> parseNdjson(String ndjson, List<String> problems) {
    List<JsonNode> objects = new ArrayList<>();
    String[] lines = ndjson.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
          problems.add("line " + (i + 1) + ": not a JSON object");
        } else {
          objects.add(node);
        }
      } catch (JsonProcessingException e) {
        problems.add("line " + (i + 1) + ": invalid JSON: " + e.getOriginalMessage());
      }
    }
    return objects;
  }

  List<String> check(List<JsonNode> objects) {
    List<String> problems = new ArrayList<>();
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode object : objects) {
      String id = object.path("id").asText("");
      String type = object.path("type").asText("");
      if (id.isEmpty() || type.isEmpty() || !object.path("attributes").isObject()) {
        problems.add("object " + abbreviate(object) + " needs a non-empty id, a type and an attributes object");
        continue;
      }
      if (byKey.put(key(type, id), object) != null) {
        problems.add(key(type, id) + ": appears twice");
      }
    }
    for (JsonNode object : byKey.values()) {
      String where = key(object.path("type").asText(), object.path("id").asText());
      JsonNode references = object.path("references");
      if (!references.isMissingNode() && !references.isArray()) {
        problems.add(where + ": references must be a list");
        continue;
      }
      for (JsonNode reference : references) {
        String target = key(reference.path("type").asText(""), reference.path("id").asText(""));
        if (reference.path("name").asText("").isEmpty()) {
          problems.add(where + ": a reference without a name");
        }
        if (!byKey.containsKey(target)) {
          problems.add(where + ": reference '" + reference.path("name").asText() + "' points to " + target
              + ", which is not in the file");
        }
      }
      switch (object.path("type").asText()) {
        case "index-pattern" -> checkDataView(where, object, problems);
        case "lens" -> checkLens(where, object, byKey, problems);
        case "search" -> checkSearch(where, object, byKey, problems);
        case "dashboard" -> checkDashboard(where, object, problems);
        default -> problems.add(where + ": type " + object.path("type").asText() + " is not checked; extend "
            + SavedObjectsChecker.class.getSimpleName());
      }
    }
    return problems;
  }

  // ---- data views ----------------------------------------------------------------------------

  private Optional<IndexTemplate> template(String where, JsonNode dataView, List<String> problems) {
    String title = dataView.path("attributes").path("title").asText("");
    Optional<IndexTemplate> template = title.isEmpty() ? Optional.empty() : templateForIndex.apply(title);
    if (template.isEmpty()) {
      problems.add(where + ": no index template of ours serves the data view title '" + title + "'");
    }
    return template;
  }

  private void checkDataView(String where, JsonNode dataView, List<String> problems) {
    Optional<IndexTemplate> template = template(where, dataView, problems);
    if (template.isEmpty()) {
      return;
    }
    JsonNode attributes = dataView.path("attributes");
    String timeField = attributes.path("timeFieldName").asText("");
    if (!timeField.isEmpty()) {
      String type = template.get().fields.get(timeField);
      if (!"date".equals(type)) {
        problems.add(where + ": time field '" + timeField + "' is " + describe(type) + " in " + template.get()
            + ", not a date");
      }
    }
    String formats = attributes.path("fieldFormatMap").asText("");
    if (!formats.isEmpty()) {
      for (String field : fieldNames(parseJson(where + " fieldFormatMap", formats, problems))) {
        requireField(where + " field format", field, template.get(), problems);
      }
    }
  }

  // ---- Lens ----------------------------------------------------------------------------------

  private void checkLens(String where, JsonNode lens, Map<String, JsonNode> byKey, List<String> problems) {
    JsonNode state = lens.path("attributes").path("state");
    JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
    if (!layers.isObject() || layers.isEmpty()) {
      problems.add(where + ": no formBased layers in attributes.state.datasourceStates");
      return;
    }
    Set<String> allColumns = new HashSet<>();
    List<IndexTemplate> layerTemplates = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = layers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> layer = it.next();
      String layerWhere = where + " layer " + layer.getKey();
      String refName = "indexpattern-datasource-layer-" + layer.getKey();
      Optional<JsonNode> dataView = referencedDataView(lens, refName, byKey);
      if (dataView.isEmpty()) {
        problems.add(layerWhere + ": no reference '" + refName + "' to a data view in the file");
      }
      Optional<IndexTemplate> template = dataView.flatMap(dv -> template(layerWhere, dv, problems));
      template.ifPresent(layerTemplates::add);
      JsonNode columns = layer.getValue().path("columns");
      Set<String> columnIds = new LinkedHashSet<>(fieldNames(columns));
      allColumns.addAll(columnIds);
      Set<String> ordered = new LinkedHashSet<>();
      layer.getValue().path("columnOrder").forEach(c -> ordered.add(c.asText()));
      if (!ordered.equals(columnIds)) {
        problems.add(layerWhere + ": columnOrder " + ordered + " does not list exactly the columns " + columnIds);
      }
      for (String columnId : columnIds) {
        JsonNode column = columns.get(columnId);
        String columnWhere = layerWhere + " column " + columnId;
        template.ifPresent(t -> checkColumn(columnWhere, column, t, problems));
        String orderBy = column.path("params").path("orderBy").path("columnId").asText("");
        if (!orderBy.isEmpty() && !columnIds.contains(orderBy)) {
          problems.add(columnWhere + ": ordered by column " + orderBy + ", which the layer does not have");
        }
        JsonNode filter = column.path("filter");
        if (filter.isObject()) {
          template.ifPresent(t -> checkQuery(columnWhere + " filter", filter, t, problems));
        }
      }
    }
    for (String accessor : accessors(state.path("visualization"))) {
      if (!allColumns.contains(accessor)) {
        problems.add(where + ": the visualization shows column " + accessor + ", which no layer has");
      }
    }
    for (IndexTemplate template : layerTemplates) {
      checkQuery(where + " query", state.path("query"), template, problems);
    }
  }

  private static Optional<JsonNode> referencedDataView(JsonNode object, String name, Map<String, JsonNode> byKey) {
    for (JsonNode reference : object.path("references")) {
      if (name.equals(reference.path("name").asText()) && "index-pattern".equals(reference.path("type").asText())) {
        return Optional.ofNullable(byKey.get(key("index-pattern", reference.path("id").asText())));
      }
    }
    return Optional.empty();
  }

  private void checkColumn(String where, JsonNode column, IndexTemplate template, List<String> problems) {
    String operation = column.path("operationType").asText("");
    String field = column.path("sourceField").asText("");
    String dataType = column.path("dataType").asText("");
    if ("count".equals(operation) && (field.isEmpty() || RECORDS.equals(field))) {
      expectDataType(where, dataType, "number", problems);
      return;
    }
    if (field.isEmpty()) {
      if (!Set.of("formula", "math", "static_value", "filters", "range").contains(operation)) {
        problems.add(where + ": operation " + operation + " without a sourceField");
      }
      return;
    }
    String type = template.fields.get(field);
    if (type == null) {
      problems.add(where + ": field '" + field + "' is not in " + template);
      return;
    }
    switch (operation) {
      case "date_histogram" -> {
        accept(where, field, type, "date".equals(type), operation, problems);
        expectDataType(where, dataType, "date", problems);
      }
      case "min", "max" -> {
        accept(where, field, type, NUMERIC.contains(type) || "date".equals(type), operation, problems);
        expectDataType(where, dataType, "date".equals(type) ? "date" : "number", problems);
      }
      case "terms" -> {
        accept(where, field, type, NUMERIC.contains(type) || Set.of("keyword", "boolean", "ip").contains(type),
            operation, problems);
        expectDataType(where, dataType, kibanaType(type), problems);
      }
      case "unique_count", "count" -> {
        accept(where, field, type, !NOT_AGGREGATABLE.contains(type), operation, problems);
        expectDataType(where, dataType, "number", problems);
      }
      case "last_value" -> {
        accept(where, field, type, !NOT_AGGREGATABLE.contains(type), operation, problems);
        expectDataType(where, dataType, kibanaType(type), problems);
      }
      default -> {
        if (METRIC_OPERATIONS.contains(operation)) {
          accept(where, field, type, NUMERIC.contains(type), operation, problems);
          expectDataType(where, dataType, "number", problems);
        } else {
          problems.add(where + ": operation '" + operation + "' is not checked; extend "
              + SavedObjectsChecker.class.getSimpleName());
        }
      }
    }
  }

  private static void accept(String where, String field, String type, boolean ok, String op, List<String> problems) {
    if (!ok) {
      problems.add(where + ": " + op + " cannot work on '" + field + "', which is " + describe(type));
    }
  }

  private static void expectDataType(String where, String actual, String expected, List<String> problems) {
    if (!expected.equals(actual)) {
      problems.add(where + ": dataType is '" + actual + "', the field makes it '" + expected + "'");
    }
  }

  /** Kibana's data type of a mapping type. */
  static String kibanaType(String mappingType) {
    if (NUMERIC.contains(mappingType)) {
      return "number";
    }
    return switch (mappingType) {
      case "keyword", "text", "wildcard", "constant_keyword" -> "string";
      default -> mappingType;
    };
  }

  /** Column ids a Lens visualization state shows (XY, table, metric, pie). */
  static Set<String> accessors(JsonNode visualization) {
    Set<String> ids = new LinkedHashSet<>();
    List<JsonNode> parts = new ArrayList<>();
    parts.add(visualization);
    visualization.path("layers").forEach(parts::add);
    for (JsonNode part : parts) {
      for (String key : List.of("xAccessor", "splitAccessor", "metricAccessor", "secondaryMetricAccessor",
          "maxAccessor", "breakdownByAccessor", "accessor")) {
        if (part.path(key).isTextual()) {
          ids.add(part.get(key).asText());
        }
      }
      for (String key : List.of("accessors", "metrics", "primaryGroups", "secondaryGroups", "splitAccessors")) {
        part.path(key).forEach(a -> ids.add(a.asText()));
      }
      part.path("columns").forEach(c -> {
        if (c.path("columnId").isTextual()) {
          ids.add(c.get("columnId").asText());
        }
      });
    }
    return ids;
  }

  // ---- saved searches -----------------------------------------------------------------------

  private void checkSearch(String where, JsonNode search, Map<String, JsonNode> byKey, List<String> problems) {
    JsonNode attributes = search.path("attributes");
    JsonNode source = parseJson(where + " searchSourceJSON",
        attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}"), problems);
    String refName = source.path("indexRefName").asText("");
    Optional<JsonNode> dataView = referencedDataView(search, refName, byKey);
    if (refName.isEmpty() || dataView.isEmpty()) {
      problems.add(where + ": searchSourceJSON.indexRefName '" + refName + "' names no reference to a data view");
      return;
    }
    Optional<IndexTemplate> template = template(where, dataView.get(), problems);
    if (template.isEmpty()) {
      return;
    }
    attributes.path("columns").forEach(c -> requireField(where + " column", c.asText(), template.get(), problems));
    attributes.path("sort").forEach(s -> requireField(where + " sort", s.path(0).asText(), template.get(), problems));
    checkQuery(where + " query", source.path("query"), template.get(), problems);
  }

  // ---- dashboards ----------------------------------------------------------------------------

  private void checkDashboard(String where, JsonNode dashboard, List<String> problems) {
    JsonNode panels = parseJson(where + " panelsJSON",
        dashboard.path("attributes").path("panelsJSON").asText("[]"), problems);
    if (!panels.isArray() || panels.isEmpty()) {
      problems.add(where + ": panelsJSON holds no panels");
      return;
    }
    Set<String> panelIds = new HashSet<>();
    for (JsonNode panel : panels) {
      String panelIndex = panel.path("panelIndex").asText("");
      String panelWhere = where + " panel " + panelIndex;
      if (panelIndex.isEmpty() || !panelIds.add(panelIndex)) {
        problems.add(panelWhere + ": needs a unique panelIndex");
      }
      JsonNode grid = panel.path("gridData");
      if (grid.path("x").asInt(-1) < 0 || grid.path("w").asInt(0) <= 0 || grid.path("h").asInt(0) <= 0
          || grid.path("x").asInt() + grid.path("w").asInt() > DASHBOARD_COLUMNS
          || !panelIndex.equals(grid.path("i").asText())) {
        problems.add(panelWhere + ": gridData " + grid + " is outside the " + DASHBOARD_COLUMNS
            + " columns or does not name the panel");
      }
      String refName = panel.path("panelRefName").asText("");
      if (refName.isEmpty()) {
        problems.add(panelWhere + ": no panelRefName (panels by value are not checked)");
        continue;
      }
      JsonNode reference = null;
      for (JsonNode r : dashboard.path("references")) {
        String name = r.path("name").asText();
        if (name.equals(panelIndex + ":" + refName) || name.equals(refName)) {
          reference = r;
        }
      }
      if (reference == null) {
        problems.add(panelWhere + ": no reference named '" + panelIndex + ":" + refName + "'");
      } else if (!reference.path("type").asText().equals(panel.path("type").asText())) {
        problems.add(panelWhere + ": panel type " + panel.path("type").asText() + " but its reference is a "
            + reference.path("type").asText());
      }
    }
  }

  // ---- shared --------------------------------------------------------------------------------

  private static void checkQuery(String where, JsonNode query, IndexTemplate template, List<String> problems) {
    String language = query.path("language").asText("kuery");
    String text = query.path("query").asText("");
    if (text.isBlank()) {
      return;
    }
    if (!"kuery".equals(language)) {
      problems.add(where + ": language " + language + " is not checked; use kuery (KQL)");
      return;
    }
    for (String field : kqlFields(text)) {
      requireField(where, field, template, problems);
    }
  }

  /** The field names a KQL query compares. */
  static Set<String> kqlFields(String kql) {
    Set<String> fields = new LinkedHashSet<>();
    Matcher matcher = KQL_FIELD.matcher(KQL_QUOTED.matcher(kql).replaceAll("\"\""));
    while (matcher.find()) {
      fields.add(matcher.group(1));
    }
    return fields;
  }

  private static void requireField(String where, String field, IndexTemplate template, List<String> problems) {
    if (!template.fields.containsKey(field)) {
      problems.add(where + ": field '" + field + "' is not in " + template);
    }
  }

  private static JsonNode parseJson(String where, String json, List<String> problems) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      problems.add(where + ": invalid JSON: " + e.getOriginalMessage());
      return JSON.createObjectNode();
    }
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String describe(String type) {
    return type == null ? "missing" : "of type " + type;
  }

  private static String key(String type, String id) {
    return type + ":" + id;
  }

  private static String abbreviate(JsonNode object) {
    String text = object.toString();
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
