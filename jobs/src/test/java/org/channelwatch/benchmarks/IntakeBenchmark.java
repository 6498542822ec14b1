package org.channelwatch.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.channelwatch.intake.EventParser;
import org.channelwatch.intake.ParseResult;
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
 * Parse plus validation of a realistic mix of events (the simulator's default profile, faults
 * included), against a baseline of Jackson reading the same bytes into a tree and nothing else.
 * One thread, so the figures are events per second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@OperationsPerInvocation(IntakeBenchmark.EVENTS)
public class IntakeBenchmark {
  static final int EVENTS = 10_000;

  private byte[][] records;
  private final EventParser parser = new EventParser(Clock.systemUTC());
  private final ObjectMapper jackson = new ObjectMapper();

  @Setup(Level.Trial)
  public void generate() {
    records = SimulatedInput.records(EVENTS);
  }

  /** Baseline: only reading the JSON, as any consumer must. */
  @Benchmark
  public void jacksonTreeOnly(Blackhole sink) throws IOException {
    for (byte[] record : records) {
      sink.consume(jackson.readTree(record));
    }
  }

  /** What the job's source does for each record: parse, check every contract rule, build the event. */
  @Benchmark
  public void parseAndValidate(Blackhole sink) {
    for (byte[] record : records) {
      ParseResult result = parser.parse(record);
      sink.consume(result);
    }
  }
}
