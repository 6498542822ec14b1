package org.channelwatch.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small edits of a record's JSON, shared by the parser's property tests. */
final class JsonEdits {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonEdits() {}

  /** The record as a JSON object to edit, or null when it is not one (already broken, say). */
  static ObjectNode objectOrNull(byte[] record) {
    try {
      return JSON.readTree(record) instanceof ObjectNode object ? object : null;
    } catch (Exception alreadyBroken) {
      return null;
    }
  }

  /** One of the object's fields, picked at random; null when it has none. */
  static String randomField(ObjectNode object, java.util.Random random) {
    java.util.List<String> fields = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(fields::add);
    return fields.isEmpty() ? null : fields.get(random.nextInt(fields.size()));
  }

  /** Gives a field a value of another JSON type: a string becomes a number, a number a string, else true. */
  static void giveWrongType(ObjectNode target, String field) {
    JsonNode current = target.get(field);
    if (current.isTextual()) {
      target.put(field, 42);
    } else if (current.isNumber()) {
      target.put(field, "42");
    } else {
      target.put(field, true);
    }
  }
}
