package org.channelwatch.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Guide;
import org.channelwatch.domain.KeyFactNormaliser;
import org.channelwatch.indicators.KeyFacts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Key-fact normalisation (contract 1.3) of the guides in the simulator's publications: what each
 * catalog event costs detection and the indicators before any comparison. The baseline trims and
 * lower-cases the same facts, the least any comparison would do. Guides per second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@OperationsPerInvocation(KeyFactsBenchmark.GUIDES)
public class KeyFactsBenchmark {
  static final int GUIDES = 2_000;

  private Guide[] guides;

  @Setup(Level.Trial)
  public void generate() {
    List<ChannelEvent> publications = SimulatedInput.events(GUIDES, e -> e.type == EventType.CATALOG_ITEM_PUBLISHED);
    guides = publications.stream().map(e -> e.guide).toArray(Guide[]::new);
  }

  /** Baseline: trimming and lower-casing the four key facts. */
  @Benchmark
  public void trimAndLowerCase(Blackhole sink) {
    for (Guide guide : guides) {
      sink.consume(guide.conditions == null ? null : guide.conditions.strip().toLowerCase(Locale.ROOT));
      if (guide.materials != null) {
        for (String material : guide.materials) {
          sink.consume(material.strip().toLowerCase(Locale.ROOT));
        }
      }
      sink.consume(guide.fee == null ? null : guide.fee.strip());
      sink.consume(guide.timeLimitDays);
    }
  }

  /** Detection's normalisation: NFKC, white space collapsed, ASCII lower case, materials as a set, fee as a number. */
  @Benchmark
  public void detectionNormaliser(Blackhole sink) {
    for (Guide guide : guides) {
      sink.consume(KeyFactNormaliser.text(guide.conditions));
      sink.consume(KeyFactNormaliser.materials(guide.materials));
      sink.consume(KeyFactNormaliser.fee(guide.fee));
    }
  }

  /**
   * The indicators' comparison of two channels' key facts (each guide with the next), which
   * normalises both sides on every call: an item's consistency is judged several times per change.
   */
  @Benchmark
  public void indicatorComparison(Blackhole sink) {
    for (int i = 0; i < guides.length; i++) {
      sink.consume(KeyFacts.differingFields(guides[i], guides[(i + 1) % guides.length]));
    }
  }
}
