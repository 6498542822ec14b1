package org.channelwatch.deploy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (every document of a file) into Jackson trees, resolving anchors, aliases and merge
 * keys ({@code <<: *anchor}) as Docker Compose does. Jackson's own YAML data binding reports an alias
 * as the anchor's name, which would hide what a compose file's services really contain.
 */
final class YamlTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final YAMLFactory YAML = new YAMLFactory();

  private YamlTrees() {}

  static List<JsonNode> readAll(Path file) {
    try {
      return readAll(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Every non-empty document of {@code yaml}. */
  static List<JsonNode> readAll(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.createParser(yaml)) {
      Map<String, JsonNode> anchors = new HashMap<>();
      while (parser.nextToken() != null) {
        JsonNode document = read(parser, anchors);
        if (!document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("invalid YAML: " + e.getMessage(), e);
    }
    return documents;
  }

  /** The one document of {@code file}; fails when it has none or several. */
  static JsonNode readOne(Path file) {
    List<JsonNode> documents = readAll(file);
    if (documents.size() != 1) {
      throw new IllegalArgumentException(file + " has " + documents.size() + " YAML documents, expected 1");
    }
    return documents.get(0);
  }

  private static JsonNode read(YAMLParser parser, Map<String, JsonNode> anchors) throws IOException {
    if (parser.isCurrentAlias()) {
      JsonNode target = anchors.get(parser.getText());
      if (target == null) {
        throw new IOException("alias *" + parser.getText() + " refers to no anchor");
      }
      return target.deepCopy();
    }
    Object anchor = parser.getObjectId();
    JsonNode node;
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        List<ObjectNode> merged = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
          String key = parser.currentName();
          parser.nextToken();
          JsonNode value = read(parser, anchors);
          if ("<<".equals(key)) {
            if (value.isObject()) {
              merged.add((ObjectNode) value);
            } else if (value.isArray()) {
              value.forEach(v -> merged.add((ObjectNode) v));
            } else {
              throw new IOException("merge key << needs a mapping or a list of mappings");
            }
          } else {
            object.set(key, value);
          }
        }
        // Keys of the mapping itself win over merged ones; earlier merged mappings over later ones.
        for (ObjectNode source : merged) {
          for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!object.has(field.getKey())) {
              object.set(field.getKey(), field.getValue().deepCopy());
            }
          }
        }
        node = object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser, anchors));
        }
        node = array;
      }
      case VALUE_STRING -> node = NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> node = NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> node = NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> node = NODES.booleanNode(true);
      case VALUE_FALSE -> node = NODES.booleanNode(false);
      case VALUE_NULL -> node = NODES.nullNode();
      default -> throw new IOException("unexpected YAML token " + token);
    }
    if (anchor != null) {
      anchors.put(anchor.toString(), node);
    }
    return node;
  }
}
