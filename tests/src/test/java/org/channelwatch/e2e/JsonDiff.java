package org.channelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The differences between two JSON trees, as one readable line each ({@code path: expected X, was
 * Y}), so that a failing comparison of whole documents says what differs instead of printing both.
 *
 * <p>Numbers compare by value ({@code 1}, {@code 1.0} and {@code 1.00} are equal); everything else
 * compares exactly. Object fields compare regardless of order; arrays element by element.
 */
public final class JsonDiff {
  private JsonDiff() {}

  /** Every difference between {@code expected} and {@code actual}; empty when they are equal. */
  public static List<String> of(JsonNode expected, JsonNode actual) {
    List<String> differences = new ArrayList<>();
    compare("", expected, actual, differences);
    return differences;
  }

  /**
   * The differences between two sets of documents by id: ids missing or unexpected, then the
   * differing fields of each document present in both.
   */
  public static List<String> ofDocuments(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
    List<String> differences = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>(expected.keySet());
    ids.addAll(actual.keySet());
    for (String id : ids) {
      if (!actual.containsKey(id)) {
        differences.add(id + ": missing");
      } else if (!expected.containsKey(id)) {
        differences.add(id + ": unexpected document " + actual.get(id));
      } else {
        compare(id + " ", expected.get(id), actual.get(id), differences);
      }
    }
    return differences;
  }

  private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
    if (expected == null || actual == null || expected.isMissingNode() || actual.isMissingNode()) {
      if (present(expected) != present(actual)) {
        differences.add(path + ": expected " + describe(expected) + ", was " + describe(actual));
      }
      return;
    }
    if (expected.isNumber() && actual.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        differences.add(path + ": expected " + expected + ", was " + actual);
      }
    } else if (expected.isObject() && actual.isObject()) {
      TreeSet<String> fields = new TreeSet<>();
      expected.fieldNames().forEachRemaining(fields::add);
      actual.fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        compare(path + "/" + field, expected.get(field), actual.get(field), differences);
      }
    } else if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        differences.add(path + ": expected " + expected + ", was " + actual);
        return;
      }
      Iterator<JsonNode> a = actual.elements();
      int i = 0;
      for (JsonNode e : expected) {
        compare(path + "/" + i++, e, a.next(), differences);
      }
    } else if (!expected.equals(actual)) {
      differences.add(path + ": expected " + expected + ", was " + actual);
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isMissingNode();
  }

  private static String describe(JsonNode node) {
    return present(node) ? node.toString() : "no field";
  }
}
