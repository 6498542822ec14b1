package org.channelwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamFilter;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.util.Collector;
import org.channelwatch.intake.IntakeRecord;
import org.junit.jupiter.api.Test;

/**
 * Every operator of the real job graph that may hold state has a stable uid, so that checkpoints and
 * savepoints restore into later versions of the job (a missing uid is derived from the graph's shape,
 * and any change to the graph orphans the state).
 */
class OperatorUidsTest {

  /** Operators that keep no state of their own when they are not keyed. */
  private static final Set<Class<?>> STATELESS =
      Set.of(StreamMap.class, StreamFilter.class, StreamFlatMap.class, ProcessOperator.class);

  private static StreamGraph jobGraph(boolean withAllSinks) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataGeneratorSource<IntakeRecord> source =
        new DataGeneratorSource<>(i -> new IntakeRecord(), 1, RateLimiterStrategy.noOp(), TypeInformation.of(IntakeRecord.class));
    new ChannelWatchJob(
            source,
            new ChannelWatchJob.Sinks(
                new DiscardingSink<>(),
                withAllSinks ? new DiscardingSink<>() : null,
                withAllSinks ? new DiscardingSink<>() : null,
                withAllSinks ? new DiscardingSink<>() : null),
            JobSettings.defaults())
        .build(env);
    return env.getStreamGraph();
  }

  /** Names of the operators that may hold state but have no uid. */
  static List<String> statefulWithoutUid(StreamGraph graph) {
    List<String> missing = new ArrayList<>();
    for (StreamNode node : graph.getStreamNodes()) {
      if (node.getTransformationUID() == null && mayHoldState(node)) {
        missing.add(node.getOperatorName());
      }
    }
    return missing;
  }

  private static boolean mayHoldState(StreamNode node) {
    if (node.getStateKeySerializer() != null) {
      return true; // keyed: state or timers
    }
    if (!(node.getOperatorFactory() instanceof SimpleOperatorFactory<?> factory)) {
      return true; // sources, sinks and anything built by a factory of its own
    }
    StreamOperator<?> operator = factory.getOperator();
    if (!STATELESS.contains(operator.getClass())) {
      return true;
    }
    Object function = ((org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator<?, ?>) operator).getUserFunction();
    return function instanceof CheckpointedFunction;
  }

  @Test
  void everyOperatorThatMayHoldStateHasAUid() {
    StreamGraph graph = jobGraph(true);
    assertThat(graph.getStreamNodes()).hasSizeGreaterThan(10);
    assertThat(statefulWithoutUid(graph)).isEmpty();
    assertThat(statefulWithoutUid(jobGraph(false))).isEmpty();
  }

  @Test
  void theCheckFindsAKeyedOperatorWithoutUid() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.fromData(1, 2, 3)
        .map(i -> i * 2)
        .keyBy(i -> i % 2)
        .process(
            new KeyedProcessFunction<Integer, Integer, Integer>() {
              @Override
              public void processElement(Integer value, Context context, Collector<Integer> out) {
                out.collect(value);
              }
            })
        .name("keyed without uid")
        .sinkTo(new DiscardingSink<>())
        .uid("sink");
    assertThat(statefulWithoutUid(env.getStreamGraph())).contains("keyed without uid").doesNotContain("Map");
  }
}
