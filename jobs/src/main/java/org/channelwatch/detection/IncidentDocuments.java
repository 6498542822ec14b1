package org.channelwatch.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.Regions;

/**
 * Builds the incident document of contract 3, which is also the alert published to Kafka and the
 * webhook.
 *
 * <p>Stateless and thread-safe. Every field but {@code detectedAt} follows from the incident, so
 * a replay rewrites the same document.
 */
public final class IncidentDocuments {
  public static final String INDEX = "channelwatch-incidents";
  private static final ObjectMapper JSON = new ObjectMapper();

  private IncidentDocuments() {}

  /**
   * The document for index {@value #INDEX} under the incident's id. Written as an upsert, so that
   * {@code detectedAt} stays the processing time of the first write (contract 3) when the
   * resolution, or a replay, writes the incident again.
   */
  public static EsDocument document(Incident incident, Instant detectedAt) {
    ObjectNode whole = tree(incident, detectedAt);
    ObjectNode withoutDetectedAt = whole.deepCopy();
    withoutDetectedAt.remove("detectedAt");
    try {
      return EsDocument.upsert(INDEX, incident.id(), JSON.writeValueAsBytes(whole), JSON.writeValueAsBytes(withoutDetectedAt));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("incident " + incident.id() + " could not be written as JSON", e);
    }
  }

  /** The document as UTF-8 JSON. */
  public static byte[] json(Incident incident, Instant detectedAt) {
    try {
      return JSON.writeValueAsBytes(tree(incident, detectedAt));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("incident " + incident.id() + " could not be written as JSON", e);
    }
  }

  /**
   * The document as a tree. Scope fields a kind does not have are left out; {@code resolvedAt} is
   * always there, null while the incident is open.
   */
  public static ObjectNode tree(Incident incident, Instant detectedAt) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("id", incident.id());
    doc.put("kind", incident.kind.wireName());
    doc.put("severity", incident.kind.severity());
    doc.put("region", incident.region);
    doc.put("regionName", Regions.nameOf(incident.region));
    if (incident.channel != null) {
      doc.put("channel", incident.channel.wireName());
    }
    if (incident.itemCode != null) {
      doc.put("itemCode", incident.itemCode);
    }
    if (incident.applicantId != null) {
      doc.put("applicantId", incident.applicantId);
    }
    if (incident.caseIds != null) {
      ArrayNode caseIds = doc.putArray("caseIds");
      for (String caseId : incident.caseIds) {
        caseIds.add(caseId);
      }
    }
    doc.put("status", incident.status());
    doc.put("openedAt", Instant.ofEpochMilli(incident.openedAt).toString());
    doc.put("resolvedAt", incident.resolvedAt == null ? null : Instant.ofEpochMilli(incident.resolvedAt).toString());
    doc.put("detectedAt", detectedAt.toString());
    doc.set("details", details(incident));
    return doc;
  }

  private static JsonNode details(Incident incident) {
    if (incident.detailsJson == null) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(incident.detailsJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("incident " + incident.id() + " has details that are not JSON", e);
    }
  }
}
