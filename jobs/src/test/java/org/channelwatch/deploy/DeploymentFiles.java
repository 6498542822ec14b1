package org.channelwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reading docker/: compose, Dockerfiles and the Kubernetes manifests. */
final class DeploymentFiles {
  private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?:(:?[-?])([^}]*))?}");
  private static final Pattern RAW_COMPOSE_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z0-9_]+)");
  private static final Pattern DOCKERFILE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private DeploymentFiles() {}

  static JsonNode compose() {
    return YamlTrees.readOne(Repo.file("docker/compose.yaml"));
  }

  static JsonNode service(JsonNode compose, String name) {
    JsonNode service = compose.path("services").path(name);
    if (!service.isObject()) {
      throw new AssertionError("docker/compose.yaml has no service " + name);
    }
    return service;
  }

  static List<String> strings(JsonNode list) {
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asText()));
    return values;
  }

  /**
   * A compose value as compose would fill it in with no variables set: {@code ${X:-d}} and {@code
   * ${X-d}} give d, {@code ${X}} and {@code ${X:?message}} give {@code <X>}; {@code $$} gives {@code $}.
   */
  static String interpolate(String value) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("$$", i)) {
        out.append('$');
        i += 2;
        continue;
      }
      Matcher matcher = COMPOSE_VARIABLE.matcher(value);
      if (value.charAt(i) == '$' && matcher.find(i) && matcher.start() == i) {
        String operator = matcher.group(2);
        out.append(operator != null && operator.endsWith("-") ? matcher.group(3) : "<" + matcher.group(1) + ">");
        i = matcher.end();
        continue;
      }
      out.append(value.charAt(i++));
    }
    return out.toString();
  }

  /** Names of the variables a compose file reads (escaped {@code $${X}} excluded). */
  static Set<String> composeVariables(String composeText) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = RAW_COMPOSE_VARIABLE.matcher(composeText);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** The container side of a compose port mapping such as {@code 127.0.0.1:8080:8080/tcp}. */
  static int containerPort(String mapping) {
    String filled = interpolate(mapping);
    String last = filled.substring(filled.lastIndexOf(':') + 1);
    int slash = last.indexOf('/');
    return Integer.parseInt(slash < 0 ? last : last.substring(0, slash));
  }

  /** Keys of a dotenv file. */
  static Set<String> dotenvKeys(String text) {
    Set<String> keys = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
        keys.add(trimmed.substring(0, trimmed.indexOf('=')).strip());
      }
    }
    return keys;
  }

  /** "key: value" lines of FLINK_PROPERTIES. */
  static Map<String, String> flinkProperties(String text) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (!line.isBlank() && colon > 0) {
        properties.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return properties;
  }

  /** A Flink duration ("10s", "500 ms", "2min") or an ISO-8601 one ("PT10S"). */
  static Duration duration(String text) {
    String value = text.strip();
    if (value.startsWith("P") || value.startsWith("p")) {
      return Duration.parse(value);
    }
    Matcher matcher = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h|d)?").matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m", "min" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  static URI uri(String url) {
    return URI.create(url);
  }

  // ---- Dockerfiles ---------------------------------------------------------------------------

  /** A Dockerfile's instructions (continuation lines joined), with ARG defaults. */
  record Dockerfile(List<String> instructions, Map<String, String> argDefaults) {
    static Dockerfile read(String relative) {
      List<String> instructions = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : Repo.read(relative).split("\n")) {
        String stripped = line.strip();
        if (current.length() == 0 && (stripped.isEmpty() || stripped.startsWith("#"))) {
          continue;
        }
        if (stripped.endsWith("\\")) {
          current.append(stripped, 0, stripped.length() - 1).append(' ');
        } else {
          current.append(stripped);
          instructions.add(current.toString());
          current.setLength(0);
        }
      }
      Map<String, String> args = new LinkedHashMap<>();
      for (String instruction : instructions) {
        if (instruction.startsWith("ARG ") && instruction.contains("=")) {
          String arg = instruction.substring(4).strip();
          args.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
      }
      return new Dockerfile(instructions, args);
    }

    List<String> withKeyword(String keyword) {
      return instructions.stream().filter(i -> i.startsWith(keyword + " ")).toList();
    }

    /** {@code text} with ${ARG} replaced by the ARG defaults, overridden by {@code buildArgs}. */
    String substitute(String text, Map<String, String> buildArgs) {
      Matcher matcher = DOCKERFILE_VARIABLE.matcher(text);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        String name = matcher.group(1);
        String value = buildArgs.getOrDefault(name, argDefaults.get(name));
        matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "<" + name + ">" : value));
      }
      matcher.appendTail(out);
      return out.toString();
    }
  }

  // ---- Kubernetes ----------------------------------------------------------------------------

  /** Every document of every YAML file in docker/k8s, with the file it came from. */
  static List<Manifest> manifests() {
    Path dir = Repo.root().resolve("docker/k8s");
    List<Manifest> manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
        for (JsonNode document : YamlTrees.readAll(file)) {
          manifests.add(new Manifest(file.getFileName().toString(), document));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return manifests;
  }

  record Manifest(String file, JsonNode document) {
    String kind() {
      return document.path("kind").asText();
    }

    String name() {
      return document.path("metadata").path("name").asText();
    }
  }

  static Manifest one(List<Manifest> manifests, String kind) {
    List<Manifest> found = manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + " in docker/k8s, found " + found.size());
    }
    return found.get(0);
  }

  static JsonNode container(JsonNode podSpec, String name) {
    for (JsonNode container : podSpec.path("containers")) {
      if (container.path("name").asText().equals(name)) {
        return container;
      }
    }
    throw new AssertionError("no container " + name + " in " + podSpec);
  }

  /** Environment variables of a container: literal values, or "secret:NAME/KEY" for secret refs. */
  static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode variable : container.path("env")) {
      JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
      env.put(variable.path("name").asText(), secret.isObject()
          ? "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText()
          : variable.path("value").asText());
    }
    return env;
  }

  /** Every secretKeyRef under {@code node}, as NAME/KEY. */
  static List<String> secretKeyRefs(JsonNode node) {
    List<String> refs = new ArrayList<>();
    collectSecretKeyRefs(node, refs);
    return refs;
  }

  private static void collectSecretKeyRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      JsonNode ref = node.get("secretKeyRef");
      if (ref != null) {
        refs.add(ref.path("name").asText() + "/" + ref.path("key").asText());
      }
      node.elements().forEachRemaining(child -> collectSecretKeyRefs(child, refs));
    } else if (node.isArray()) {
      node.forEach(child -> collectSecretKeyRefs(child, refs));
    }
  }

  static String imageTag(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(colon + 1) : "latest";
  }

  static String imageName(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(0, colon) : image;
  }
}
