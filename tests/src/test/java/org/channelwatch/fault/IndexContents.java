package org.channelwatch.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * What every ChannelWatch index holds at one moment: each document's source by id, without the
 * processing-time field {@code detectedAt} (contract 5), and each document's {@code _version}.
 */
final class IndexContents {

  static final String MINUTES = "channelwatch-indicators-*";
  static final String REGIONS = "channelwatch-regions";
  static final String ITEMS = "channelwatch-items";
  static final String INCIDENTS = "channelwatch-incidents";
  static final String DEAD_LETTERS = "channelwatch-deadletter";
  static final List<String> INDICES = List.of(MINUTES, REGIONS, ITEMS, INCIDENTS, DEAD_LETTERS);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DOCUMENTS = 10_000;
  private static final int DIFFERENCES_SHOWN = 5;
  private static final Duration SHARD_WAIT = Duration.ofSeconds(60);

  private final Map<String, Map<String, JsonNode>> sources;
  private final Map<String, Map<String, Long>> versions;

  private IndexContents(Map<String, Map<String, JsonNode>> sources, Map<String, Map<String, Long>> versions) {
    this.sources = sources;
    this.versions = versions;
  }

  /** Refreshes and reads every ChannelWatch index; a missing index reads as empty. */
  static IndexContents read(RestClient elasticsearch) throws IOException, InterruptedException {
    Map<String, Map<String, JsonNode>> sources = new LinkedHashMap<>();
    Map<String, Map<String, Long>> versions = new LinkedHashMap<>();
    for (String index : INDICES) {
      Map<String, JsonNode> byId = new TreeMap<>();
      Map<String, Long> versionById = new TreeMap<>();
      for (JsonNode hit : search(elasticsearch, index)) {
        ObjectNode source = (ObjectNode) hit.get("_source");
        source.remove("detectedAt");
        byId.put(hit.get("_id").asText(), source);
        versionById.put(hit.get("_id").asText(), hit.get("_version").asLong());
      }
      sources.put(index, byId);
      versions.put(index, versionById);
    }
    return new IndexContents(sources, versions);
  }

  private static JsonNode search(RestClient elasticsearch, String index) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SHARD_WAIT.toNanos();
    while (true) {
      try {
        elasticsearch.performRequest(new Request("POST", "/" + index + "/_refresh"));
        Request search = new Request("GET", "/" + index + "/_search");
        search.addParameter("size", Integer.toString(MAX_DOCUMENTS));
        search.addParameter("version", "true");
        search.addParameter("track_total_hits", "true");
        JsonNode response =
            JSON.readTree(EntityUtils.toString(elasticsearch.performRequest(search).getEntity(), StandardCharsets.UTF_8));
        long total = response.at("/hits/total/value").asLong();
        if (total >= MAX_DOCUMENTS) {
          throw new IllegalStateException(index + " holds " + total + " documents, more than this test reads at once");
        }
        return response.at("/hits/hits");
      } catch (ResponseException e) {
        int status = e.getResponse().getStatusLine().getStatusCode();
        if (status == 404) {
          return JSON.createArrayNode();
        }
        // 503 while the shard of an index the job has just created is not assigned yet.
        if (status != 503 || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  /** The documents of one index (or index pattern) of {@link #INDICES}, by id. */
  Map<String, JsonNode> documents(String index) {
    return sources.get(index);
  }

  /** The {@code _version} of a document, or 0 when there is none. */
  long version(String index, String id) {
    return versions.get(index).getOrDefault(id, 0L);
  }

  /** Whether every index holds the same documents with the same sources as {@code other}. */
  boolean sameDocumentsAs(IndexContents other) {
    return sources.equals(other.sources);
  }

  /** Whether nothing has been written since {@code earlier}: the same documents at the same versions. */
  boolean unchangedSince(IndexContents earlier) {
    return versions.equals(earlier.versions) && sameDocumentsAs(earlier);
  }

  /** How many documents each index holds, for messages. */
  String counts() {
    StringBuilder text = new StringBuilder();
    sources.forEach((index, docs) -> text.append(text.length() == 0 ? "" : ", ").append(index).append('=').append(docs.size()));
    return text.toString();
  }

  /**
   * Where these contents differ from {@code expected}, index by index: the ids missing and extra,
   * and for the first few differing documents the first differing fields.
   */
  String differencesFrom(IndexContents expected) {
    StringBuilder text = new StringBuilder();
    for (String index : INDICES) {
      Map<String, JsonNode> want = expected.sources.get(index);
      Map<String, JsonNode> have = sources.get(index);
      Set<String> missing = new TreeSet<>(want.keySet());
      missing.removeAll(have.keySet());
      Set<String> extra = new TreeSet<>(have.keySet());
      extra.removeAll(want.keySet());
      List<String> differing = new ArrayList<>();
      for (var entry : want.entrySet()) {
        JsonNode actual = have.get(entry.getKey());
        if (actual != null && !actual.equals(entry.getValue())) {
          differing.add(entry.getKey());
        }
      }
      if (missing.isEmpty() && extra.isEmpty() && differing.isEmpty()) {
        continue;
      }
      text.append(index).append(": ").append(want.size()).append(" expected, ").append(have.size()).append(" found");
      if (!missing.isEmpty()) {
        text.append("\n  missing ").append(missing.size()).append(": ").append(firstFew(missing));
      }
      if (!extra.isEmpty()) {
        text.append("\n  extra ").append(extra.size()).append(": ").append(firstFew(extra));
      }
      if (!differing.isEmpty()) {
        text.append("\n  differing ").append(differing.size()).append(':');
        for (String id : differing.subList(0, Math.min(DIFFERENCES_SHOWN, differing.size()))) {
          List<String> fields = new ArrayList<>();
          fieldDifferences("", want.get(id), have.get(id), fields);
          text.append("\n    ").append(id).append(": ").append(String.join("; ", fields));
        }
      }
      text.append('\n');
    }
    return text.length() == 0 ? "no differences" : text.toString();
  }

  private static String firstFew(Set<String> ids) {
    List<String> shown = ids.stream().limit(DIFFERENCES_SHOWN).toList();
    return String.join(", ", shown) + (ids.size() > shown.size() ? ", ..." : "");
  }

  /** Collects up to three differing JSON pointers of two documents, with both values. */
  private static void fieldDifferences(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (out.size() >= 3 || expected.equals(actual)) {
      return;
    }
    if (expected.isObject() && actual != null && actual.isObject()) {
      Set<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode want = expected.get(name);
        JsonNode have = actual.get(name);
        if (want == null || have == null) {
          out.add(path + "/" + name + " expected " + want + " but was " + have);
        } else {
          fieldDifferences(path + "/" + name, want, have, out);
        }
        if (out.size() >= 3) {
          return;
        }
      }
      return;
    }
    if (expected.isArray() && actual != null && actual.isArray() && expected.size() == actual.size()) {
      Iterator<JsonNode> want = expected.elements();
      Iterator<JsonNode> have = actual.elements();
      for (int i = 0; want.hasNext() && out.size() < 3; i++) {
        fieldDifferences(path + "/" + i, want.next(), have.next(), out);
      }
      return;
    }
    out.add((path.isEmpty() ? "/" : path) + " expected " + expected + " but was " + actual);
  }
}
