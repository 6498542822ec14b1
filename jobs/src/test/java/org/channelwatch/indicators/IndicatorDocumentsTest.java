package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.junit.jupiter.api.Test;

class IndicatorDocumentsTest {

  @Test
  void namesIndexAndIdAsTheContractSays() {
    long start = Instant.parse("2026-11-25T23:59:00Z").toEpochMilli();
    assertThat(IndicatorDocuments.indexFor(start)).isEqualTo("channelwatch-indicators-2026.11.25");
    assertThat(IndicatorDocuments.idFor("330000", start)).isEqualTo("330000:" + start);
  }

  @Test
  void writesAllFourChannelsWithNullsForQuietOnes() throws Exception {
    RegionMinute minute = new RegionMinute();
    ChannelEvent access = new ChannelEvent();
    access.type = EventType.SERVICE_ACCESS;
    access.channel = Channel.APP;
    access.outcome = AccessOutcome.OK;
    access.latencyMs = 182L;
    minute.add(access);
    long start = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();

    EsDocument doc = IndicatorDocuments.document("330000", start, start + 60_000, minute);

    JsonNode json = new ObjectMapper().readTree(doc.source());
    assertThat(json.get("regionName").asText()).isEqualTo("浙江省");
    assertThat(json.get("windowStart").asText()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(json.get("windowEnd").asText()).isEqualTo("2026-11-25T00:01:00Z");
    assertThat(json.at("/access/app/samples").asLong()).isEqualTo(1);
    assertThat(json.at("/access/app/okRatio").asDouble()).isEqualTo(1.0);
    assertThat(json.at("/access/app/p95LatencyMs").asLong()).isEqualTo(182);
    assertThat(json.at("/access/hall/samples").asLong()).isZero();
    assertThat(json.at("/access/hall/okRatio").isNull()).isTrue();
    assertThat(json.at("/access/wechat/p95LatencyMs").isNull()).isTrue();
  }
}
