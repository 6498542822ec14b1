package org.channelwatch.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.detection.IncidentDocuments;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;
import org.channelwatch.indicators.CatalogFigures;
import org.channelwatch.indicators.CatalogItem;
import org.channelwatch.indicators.ChannelAvailability;
import org.channelwatch.indicators.IndicatorDocuments;
import org.channelwatch.indicators.IndicatorSettings;
import org.channelwatch.indicators.KeyValueStore;
import org.channelwatch.indicators.RegionCatalog;
import org.channelwatch.indicators.RegionMinute;
import org.channelwatch.indicators.Scores;
import org.channelwatch.indicators.Windows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serialising the index documents: a region's per-minute document (from a realistic minute of the
 * simulator: about 400 access events with latencies, cases, visits, ratings, a full catalog), an
 * item document and an incident document. The baseline writes the per-minute document's finished
 * JSON tree, the least any writer of that document does. Documents per second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DocumentsBenchmark {
  private static final String REGION = "330000";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IndicatorSettings settings = IndicatorSettings.defaults();
  private RegionMinute minute;
  private CatalogFigures figures;
  private ChannelAvailability availability;
  private CatalogItem item;
  private Incident incident;
  private ObjectNode finishedTree;
  private long windowStart;

  @Setup(Level.Trial)
  public void prepare() throws IOException {
    List<ChannelEvent> events = SimulatedInput.events(30_000, e -> e.region.equals(REGION));
    KeyValueStore<String, CatalogItem> items = KeyValueStore.inMemory();
    figures = new CatalogFigures();
    RegionCatalog catalog = new RegionCatalog(items, figures);
    windowStart = Windows.startOf(events.get(events.size() - 1).time) - Windows.SIZE_MILLIS;
    minute = new RegionMinute();
    for (ChannelEvent event : events) {
      if (event.type.isCatalog()) {
        CatalogItem changed = catalog.apply(event);
        if (changed != null && changed.publishingChannels() > 1) {
          item = changed;
        }
      } else if (Windows.startOf(event.time) == windowStart) {
        minute.add(event);
        switch (event.type) {
          case CASE_SUBMITTED -> minute.countSubmission(event.channel);
          case HALL_VISIT -> minute.countVisit(event.purpose);
          case SERVICE_RATING -> minute.countRating(event.score, settings.badRatingMaxScore());
          default -> {}
        }
      }
    }
    availability = new ChannelAvailability();
    availability.update(minute);
    incident = new Incident();
    incident.kind = IncidentKind.SERVICE_UNAVAILABLE;
    incident.region = REGION;
    incident.channel = Channel.WEB;
    incident.openedAt = windowStart;
    incident.detailsJson = "{\"samples\":7,\"okRatio\":0.28}";
    finishedTree = (ObjectNode) JSON.readTree(minuteDocument().source());
  }

  /** Baseline: writing the per-minute document's finished tree as JSON. */
  @Benchmark
  public byte[] writeFinishedTree() throws IOException {
    return JSON.writeValueAsBytes(finishedTree);
  }

  /** The per-minute document of contract 4.1: scores, tree and JSON. */
  @Benchmark
  public EsDocument minuteDocument() {
    Scores scores = Scores.compute(availability, figures, settings);
    return IndicatorDocuments.minuteDocument(REGION, windowStart, minute, figures, new long[IncidentKind.values().length], scores);
  }

  /** The items document of contract 4.3, of an item published on several channels. */
  @Benchmark
  public EsDocument itemDocument() {
    return IndicatorDocuments.itemDocument(REGION, item);
  }

  /** An incident document of contract 3, written as an upsert (both versions of the JSON). */
  @Benchmark
  public EsDocument incidentDocument() {
    return IncidentDocuments.document(incident, Instant.EPOCH);
  }
}
