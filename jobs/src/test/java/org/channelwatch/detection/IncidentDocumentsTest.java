package org.channelwatch.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;
import org.junit.jupiter.api.Test;

class IncidentDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant DETECTED = Instant.parse("2026-11-25T09:00:00.123Z");
  private static final long OPENED = Instant.parse("2026-11-25T08:02:00Z").toEpochMilli();

  @Test
  void writesAnOpenServiceOutage() throws Exception {
    Incident incident = Incidents.opened(
        IncidentKind.SERVICE_UNAVAILABLE, "330000", Channel.WEB, null, null, null, OPENED,
        Incidents.details().put("samples", 7).put("okRatio", 0.25));

    EsDocument document = IncidentDocuments.document(incident, DETECTED);
    JsonNode doc = JSON.readTree(document.source());

    assertThat(document.index()).isEqualTo("channelwatch-incidents");
    assertThat(document.id()).isEqualTo("service_unavailable:330000:web:" + OPENED);
    assertThat(doc.get("id").asText()).isEqualTo(document.id());
    assertThat(doc.get("kind").asText()).isEqualTo("service_unavailable");
    assertThat(doc.get("severity").asText()).isEqualTo("critical");
    assertThat(doc.get("region").asText()).isEqualTo("330000");
    assertThat(doc.get("regionName").asText()).isEqualTo("浙江省");
    assertThat(doc.get("channel").asText()).isEqualTo("web");
    assertThat(doc.has("itemCode")).isFalse();
    assertThat(doc.has("applicantId")).isFalse();
    assertThat(doc.has("caseIds")).isFalse();
    assertThat(doc.get("status").asText()).isEqualTo("open");
    assertThat(doc.get("openedAt").asText()).isEqualTo("2026-11-25T08:02:00Z");
    assertThat(doc.has("resolvedAt")).isTrue();
    assertThat(doc.get("resolvedAt").isNull()).isTrue();
    assertThat(doc.get("detectedAt").asText()).isEqualTo("2026-11-25T09:00:00.123Z");
    assertThat(doc.get("details").get("samples").asInt()).isEqualTo(7);
    assertThat(doc.get("details").get("okRatio").asDouble()).isEqualTo(0.25);
  }

  @Test
  void writesAResolvedResubmissionWithItsScopeAndCases() throws Exception {
    Incident open = Incidents.opened(
        IncidentKind.OFFLINE_RESUBMISSION, "330000", null, "ITEM-1", "applicant-0001", new String[] {"H1", "W1"}, OPENED,
        Incidents.details());
    JsonNode doc = JSON.readTree(IncidentDocuments.json(Incidents.resolved(open, OPENED + 60_000), DETECTED));

    assertThat(doc.get("id").asText()).isEqualTo("offline_resubmission:330000:applicant-0001:ITEM-1:" + OPENED);
    assertThat(doc.get("severity").asText()).isEqualTo("major");
    assertThat(doc.has("channel")).isFalse();
    assertThat(doc.get("applicantId").asText()).isEqualTo("applicant-0001");
    assertThat(doc.get("caseIds").toString()).isEqualTo("[\"H1\",\"W1\"]");
    assertThat(doc.get("status").asText()).isEqualTo("resolved");
    assertThat(doc.get("resolvedAt").asText()).isEqualTo("2026-11-25T08:03:00Z");
  }

  @Test
  void publishesTheSameJsonToKafkaKeyedByTheIncidentId() {
    Incident incident = Incidents.opened(
        IncidentKind.STATUS_NOT_SYNCED, "330000", null, null, null, new String[] {"C1"}, OPENED, Incidents.details());
    Clock clock = Clock.fixed(DETECTED, ZoneOffset.UTC);

    ProducerRecord<byte[], byte[]> record =
        new IncidentAlertSerializer("channelwatch.alerts", clock).serialize(incident, null, null);

    assertThat(record.topic()).isEqualTo("channelwatch.alerts");
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("status_not_synced:330000:C1:" + OPENED);
    assertThat(record.value()).isEqualTo(IncidentDocuments.json(incident, DETECTED));
    assertThat(new IncidentJsonSchema(clock).serialize(incident)).isEqualTo(record.value());
    assertThat(new IncidentDocumentFunction(clock).map(incident).source()).isEqualTo(record.value());
  }
}
