package org.channelwatch.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.StringJoiner;

/** Reads a message's {@code Idempotency-Key} from fields of its JSON body. */
final class IdempotencyKey {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IdempotencyKey() {}

  /**
   * The values of {@code fields} in the top-level JSON object {@code body}, joined with {@code :}.
   *
   * @throws IllegalArgumentException when the body is not such an object or lacks a field
   */
  static String of(byte[] body, List<String> fields) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the webhook body is not JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the webhook body is not a JSON object");
    }
    StringJoiner key = new StringJoiner(":");
    for (String field : fields) {
      JsonNode value = root.get(field);
      if (value == null || value.isNull() || value.isContainerNode()) {
        throw new IllegalArgumentException("the webhook body has no plain value for '" + field + "'");
      }
      key.add(value.asText());
    }
    return key.toString();
  }
}
