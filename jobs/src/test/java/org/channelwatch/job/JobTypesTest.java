package org.channelwatch.job;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.channelwatch.intake.Intake;
import org.channelwatch.intake.IntakeRecord;
import org.channelwatch.simulator.EventSimulator;
import org.channelwatch.simulator.SimulatedEvent;
import org.channelwatch.simulator.SimulatorProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job runs with Kryo switched off: every record between operators and every piece of
 * state has a serializer of its own (a POJO's or an explicit one), never Flink's generic fallback,
 * which is slow and cannot evolve.
 */
class JobTypesTest {

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final int RECORDS = 3_000;

  @Test
  void runsEveryOperatorWithGenericTypesDisabled() {
    Configuration noKryo = new Configuration();
    noKryo.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noKryo);
    env.setParallelism(2);

    // State serializers are made when each operator opens, record serializers when the graph is
    // built: a generic type anywhere fails the job.
    new ChannelWatchJob(
            new DataGeneratorSource<>(new SimulatedRecords(), RECORDS, TypeInformation.of(IntakeRecord.class)),
            new ChannelWatchJob.Sinks(new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), null),
            JobSettings.defaults())
        .build(env);

    assertThatCode(() -> env.execute("no generic types")).doesNotThrowAnyException();
  }

  /** Simulated events of a few minutes, faults included, and one malformed record, parsed as intake does. */
  static final class SimulatedRecords implements GeneratorFunction<Long, IntakeRecord> {
    private transient List<IntakeRecord> records;

    @Override
    public void open(SourceReaderContext context) {
      Instant start = Instant.now().minus(Duration.ofHours(1));
      EventSimulator simulator =
          new EventSimulator(SimulatorProfile.defaults().withMeanFaultInterval(Duration.ofSeconds(20)), 3L, start);
      Intake intake = new Intake(Clock.systemUTC());
      records = new ArrayList<>();
      records.add(intake.read("events", 0, 0, -1, "{not json".getBytes(StandardCharsets.UTF_8)));
      while (records.size() < RECORDS) {
        for (SimulatedEvent event : simulator.next(simulator.position().plusSeconds(1))) {
          records.add(intake.read("events", 0, records.size(), -1, event.json().getBytes(StandardCharsets.UTF_8)));
        }
      }
    }

    @Override
    public IntakeRecord map(Long index) {
      return records.get(index.intValue());
    }
  }
}
